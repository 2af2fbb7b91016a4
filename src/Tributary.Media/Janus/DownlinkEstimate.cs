using System.Text.Json.Nodes;

namespace Tributary.Media.Janus;

/// <summary>
/// What Janus knows of a downlink's path, for SIMULCAST_UPDATE <c>auto</c>. Janus 1.1.2 keeps no bandwidth estimate
/// for a subscriber (its admin API shows only <c>bwe: {twcc: true}</c>, and Chromium sends no REMB once transport-cc
/// is negotiated), so the estimate is the one Janus does compute from the receiver's reports: the video stream's
/// link quality (<c>rtcp.main.out-media-link-quality</c>, 100 = nothing lost). Unknown until the first receiver
/// report with media on the path.
/// </summary>
internal static class DownlinkEstimate
{
    /// <summary>The link quality of the downlink's video in a <c>handle_info</c> answer, or null when not known yet.</summary>
    public static int? VideoLinkQuality(JsonObject handleInfo)
    {
        ArgumentNullException.ThrowIfNull(handleInfo);
        if (handleInfo["info"]?["webrtc"]?["media"] is not JsonObject media)
        {
            return null;
        }

        foreach (var (_, stream) in media)
        {
            if (stream?["type"]?.GetValue<string>() != "video")
            {
                continue;
            }

            var sent = stream["stats"]?["out"]?["packets"]?.GetValue<long>() ?? 0;
            var quality = stream["rtcp"]?["main"]?["out-media-link-quality"]?.GetValue<int>() ?? 0;

            // Janus reports 0 before any receiver report arrived: that is "unknown", not "everything lost".
            return sent > 0 && quality > 0 ? quality : null;
        }

        return null;
    }

    /// <summary>The substream for <c>auto</c>: 2 (h) with no estimate or a good link, 1 (m), or 0 (l) on a lossy one.</summary>
    public static int Substream(int? quality, JanusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return quality switch
        {
            null => 2,
            var q when q >= options.AutoTopLayerQuality => 2,
            var q when q >= options.AutoMiddleLayerQuality => 1,
            _ => 0,
        };
    }
}
