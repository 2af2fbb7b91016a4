using Microsoft.Extensions.Logging;

namespace Tributary.Media.Janus;

public sealed partial class JanusUnit
{
    private static partial class Log
    {
        [LoggerMessage(6100, LogLevel.Information, "Starting Janus: API on 127.0.0.1:{HttpPort}, admin on 127.0.0.1:{AdminPort}, configuration in {Folder}")]
        public static partial void Starting(ILogger logger, int httpPort, int adminPort, string folder);

        [LoggerMessage(6101, LogLevel.Information, "Janus answers at {ApiUri}")]
        public static partial void Ready(ILogger logger, Uri apiUri);
    }
}
