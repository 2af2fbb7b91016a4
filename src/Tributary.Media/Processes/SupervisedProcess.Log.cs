using Microsoft.Extensions.Logging;

namespace Tributary.Media.Processes;

public sealed partial class SupervisedProcess
{
    private static partial class Log
    {
        [LoggerMessage(6000, LogLevel.Information, "{Name} started as pid {ProcessId} (start {Generation}): {Command}")]
        public static partial void Started(ILogger logger, string name, int processId, int generation, string command);

        [LoggerMessage(6001, LogLevel.Error, "{Name} could not be started: {Command}")]
        public static partial void StartFailed(ILogger logger, string name, string command, Exception exception);

        [LoggerMessage(6002, LogLevel.Information, "{Name} (pid {ProcessId}) is healthy")]
        public static partial void Healthy(ILogger logger, string name, int processId);

        [LoggerMessage(6003, LogLevel.Warning, "{Name} (pid {ProcessId}) missed a health probe ({Misses} of {MaxMisses})")]
        public static partial void ProbeMissed(ILogger logger, string name, int processId, int misses, int maxMisses);

        [LoggerMessage(6004, LogLevel.Error, "{Name} (pid {ProcessId}) missed {Misses} health probes in a row: restarting it")]
        public static partial void Unhealthy(ILogger logger, string name, int processId, int misses);

        [LoggerMessage(6005, LogLevel.Error, "{Name} (pid {ProcessId}) did not pass a health probe within {StartupTimeout}: restarting it")]
        public static partial void NeverHealthy(ILogger logger, string name, int processId, TimeSpan startupTimeout);

        [LoggerMessage(6006, LogLevel.Error, "{Name} (pid {ProcessId}) exited with code {ExitCode} after {RunTime}")]
        public static partial void Exited(ILogger logger, string name, int processId, int exitCode, TimeSpan runTime);

        [LoggerMessage(6007, LogLevel.Information, "{Name} (pid {ProcessId}) stopped with code {ExitCode} (killed: {Killed})")]
        public static partial void ExitedOnStop(ILogger logger, string name, int processId, int exitCode, bool killed);

        [LoggerMessage(6008, LogLevel.Warning, "{Name} restarts in {Delay} (after start {Generation})")]
        public static partial void RestartScheduled(ILogger logger, string name, TimeSpan delay, int generation);

        [LoggerMessage(6009, LogLevel.Warning, "{Name} (pid {ProcessId}) ignored SIGTERM for {GracePeriod}: sending SIGKILL")]
        public static partial void Killing(ILogger logger, string name, int processId, TimeSpan gracePeriod);

        [LoggerMessage(6010, LogLevel.Information, "{Name} supervision stopped")]
        public static partial void Stopped(ILogger logger, string name);

        [LoggerMessage(6011, LogLevel.Debug, "{Name} health probe failed: {Reason}")]
        public static partial void ProbeFailed(ILogger logger, string name, string reason);

        [LoggerMessage(6012, LogLevel.Information, "[{Name}] {Line}")]
        public static partial void Output(ILogger logger, string name, string line);

        [LoggerMessage(6013, LogLevel.Warning, "[{Name} stderr] {Line}")]
        public static partial void ErrorOutput(ILogger logger, string name, string line);

        [LoggerMessage(6014, LogLevel.Error, "{Name}: an observer of the supervisor's events failed")]
        public static partial void ObserverFailed(ILogger logger, string name, Exception exception);
    }
}
