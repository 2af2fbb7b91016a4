using Microsoft.Extensions.Logging;
using Tributary.Media.Processes;

namespace Tributary.Media.Munits;

public sealed partial class MunitRegulator
{
    private static partial class Log
    {
        [LoggerMessage(6600, LogLevel.Information, "Munit {MunitId} started; reporting to the fleet registry")]
        public static partial void Started(ILogger logger, string munitId);

        [LoggerMessage(6601, LogLevel.Information, "Munit {MunitId}: Janus {Kind} (start {Generation})")]
        public static partial void JanusChanged(ILogger logger, string munitId, SupervisedProcessEventKind kind, int generation);

        [LoggerMessage(6602, LogLevel.Warning, "Munit {MunitId}: report to the cluster failed ({Reason}); retrying every interval")]
        public static partial void ReportFailed(ILogger logger, string munitId, string reason);

        [LoggerMessage(6603, LogLevel.Information, "Munit {MunitId}: reports reach the cluster again")]
        public static partial void ReportRecovered(ILogger logger, string munitId);

        [LoggerMessage(7150, LogLevel.Debug, "Munit {MunitId}: status copy to its MunitGrain still pending; this report's copy skipped")]
        public static partial void StatusCopySkipped(ILogger logger, string munitId);

        [LoggerMessage(7151, LogLevel.Debug, "Munit {MunitId}: status copy to its MunitGrain failed ({Reason})")]
        public static partial void StatusCopyFailed(ILogger logger, string munitId, string reason);

        [LoggerMessage(6604, LogLevel.Debug, "Munit {MunitId}: load not read from Janus's admin API ({Reason})")]
        public static partial void LoadUnavailable(ILogger logger, string munitId, string reason);
    }
}
