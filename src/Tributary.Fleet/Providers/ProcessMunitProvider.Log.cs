using Microsoft.Extensions.Logging;

namespace Tributary.Fleet.Providers;

public sealed partial class ProcessMunitProvider
{
    [LoggerMessage(EventId = 7020, Level = LogLevel.Information, Message = "Started munit process {MunitId} (pid {ProcessId}, slot {Slot}, http port {HttpPort})")]
    private static partial void LogStarted(ILogger logger, string munitId, int processId, int slot, int httpPort);

    [LoggerMessage(EventId = 7021, Level = LogLevel.Information, Message = "Stopped munit process {MunitId} (pid {ProcessId}, exit code {ExitCode}, killed {Killed})")]
    private static partial void LogStopped(ILogger logger, string munitId, int processId, int exitCode, bool killed);

    [LoggerMessage(EventId = 7022, Level = LogLevel.Debug, Message = "[{MunitId}] {Line}")]
    private static partial void LogOutput(ILogger logger, string munitId, string line);

    [LoggerMessage(EventId = 7023, Level = LogLevel.Warning, Message = "Munit process {MunitId} ignored SIGTERM for {GracePeriod}; killing it")]
    private static partial void LogKilling(ILogger logger, string munitId, TimeSpan gracePeriod);
}
