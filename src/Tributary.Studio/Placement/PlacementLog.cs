using Microsoft.Extensions.Logging;

namespace Tributary.Studio.Placement;

/// <summary>Placement log messages (event ids 7260–7279).</summary>
internal static partial class PlacementLog
{
    [LoggerMessage(EventId = 7260, Level = LogLevel.Warning, Message = "Studio node: could not report to the studio registry")]
    public static partial void ReportFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7261, Level = LogLevel.Information, Message = "Studio node {NodeId} left the registry, handing over {Studios} studio(s)")]
    public static partial void Left(ILogger logger, string nodeId, int studios);

    [LoggerMessage(EventId = 7262, Level = LogLevel.Error, Message = "Studio {StudioId} could not start on this node")]
    public static partial void StartFailed(ILogger logger, string studioId, Exception exception);

    [LoggerMessage(EventId = 7263, Level = LogLevel.Warning, Message = "Studio {StudioId} moved from dead node {FromNode} to {ToNode}")]
    public static partial void Moved(ILogger logger, string studioId, string fromNode, string toNode);

    [LoggerMessage(EventId = 7264, Level = LogLevel.Warning, Message = "Studio {StudioId} runs here but is recorded on node '{RecordedNode}': stopping it here")]
    public static partial void GaveUp(ILogger logger, string studioId, string recordedNode);

    [LoggerMessage(EventId = 7265, Level = LogLevel.Warning, Message = "Studio {StudioId} of dead node '{DeadNode}': no live studio node has room; retrying at the next sweep")]
    public static partial void NoNodeForOrphan(ILogger logger, string studioId, string deadNode);

    [LoggerMessage(EventId = 7266, Level = LogLevel.Information, Message = "Studio {StudioId} of dead node '{DeadNode}' re-placed on {ToNode}: {Outcome}")]
    public static partial void Replaced(ILogger logger, string studioId, string deadNode, string toNode, StudioStart outcome);

    [LoggerMessage(EventId = 7267, Level = LogLevel.Warning, Message = "Studio {StudioId}: re-placing it on {ToNode} failed; retrying at the next sweep")]
    public static partial void ReplaceFailed(ILogger logger, string studioId, string toNode, Exception exception);

    [LoggerMessage(EventId = 7268, Level = LogLevel.Warning, Message = "Studio {StudioId}: its node {NodeId} did not answer")]
    public static partial void NodeUnreachable(ILogger logger, string studioId, string nodeId, Exception exception);
}
