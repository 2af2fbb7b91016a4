using Microsoft.Extensions.Logging;
using Tributary.Studio.Destinations;

namespace Tributary.Studio;

/// <summary>Studio log messages (event ids 7200–7399).</summary>
internal static partial class StudioLog
{
    [LoggerMessage(EventId = 7200, Level = LogLevel.Information, Message = "Studio {StudioId} is live with {Destinations} destination(s)")]
    public static partial void Live(ILogger logger, string studioId, int destinations);

    [LoggerMessage(EventId = 7201, Level = LogLevel.Information, Message = "Studio {StudioId} ended ({Reason})")]
    public static partial void Ended(ILogger logger, string studioId, string reason);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Information, Message = "Studio {StudioId}: compositor run {Run} with {Live} live source(s) of {Stage} on stage, layout {Layout}")]
    public static partial void Composing(ILogger logger, string studioId, int run, int live, int stage, string layout);

    [LoggerMessage(EventId = 7203, Level = LogLevel.Information, Message = "Studio {StudioId}: destination {DestinationId} is {State}")]
    public static partial void DestinationChanged(ILogger logger, string studioId, string destinationId, DestinationState state);

    [LoggerMessage(EventId = 7204, Level = LogLevel.Warning, Message = "Studio {StudioId}: destination {DestinationId} failed {Attempts} attempts in a row; retrying at back-off")]
    public static partial void DestinationFailed(ILogger logger, string studioId, string destinationId, int attempts);

    [LoggerMessage(EventId = 7205, Level = LogLevel.Error, Message = "Studio {StudioId}: the pipeline's monitor failed")]
    public static partial void MonitorFailed(ILogger logger, string studioId, Exception exception);

    [LoggerMessage(EventId = 7206, Level = LogLevel.Warning, Message = "Studio {StudioId}: the compositor restarted on its own; rebuilding it with fresh timestamps")]
    public static partial void CompositorCrashed(ILogger logger, string studioId);

    [LoggerMessage(EventId = 7207, Level = LogLevel.Error, Message = "Studio {StudioId}: could not record a destination failure")]
    public static partial void RecordFailed(ILogger logger, string studioId, Exception exception);
}
