using Microsoft.Extensions.Logging;

namespace Tributary.Fleet.Scaling;

public sealed partial class Autoscaler
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Scaling out: demand {Demand:F2} munits, utilisation {Utilisation:F2}, desired {Desired}; reviving {Revive}, starting {Start}")]
    private static partial void LogScaleOut(ILogger logger, double demand, double utilisation, int desired, int revive, int start);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Scaling in: demand {Demand:F2} munits, utilisation {Utilisation:F2}, desired {Desired}; draining {Drain}")]
    private static partial void LogScaleIn(ILogger logger, double demand, double utilisation, int desired, int drain);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Stopping munit {MunitId}: {Reason}")]
    private static partial void LogStopping(ILogger logger, string munitId, string reason);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Provider {Provider} started munit {MunitId}")]
    private static partial void LogStarted(ILogger logger, string provider, string munitId);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "Provider {Provider} could not start a munit (no free slot)")]
    private static partial void LogNoSlot(ILogger logger, string provider);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Error, Message = "Provider {Provider} failed to {Action} a munit")]
    private static partial void LogProviderFailed(ILogger logger, string provider, string action, Exception exception);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning, Message = "Autoscaler refused its input: {Error}")]
    private static partial void LogInvalid(ILogger logger, string error);
}
