using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Tributary.Media.Janus;

namespace Tributary.Media.Tests.Janus;

/// <summary>SIMULCAST_UPDATE <c>auto</c>: the layer chosen from Janus's <c>handle_info</c> of a downlink (shape as Janus 1.1.2 answers it).</summary>
public sealed class DownlinkEstimateTests
{
    private static readonly JanusOptions Defaults = new();

    [Theory]
    [InlineData(100, 2)]
    [InlineData(90, 2)]
    [InlineData(89, 1)]
    [InlineData(60, 1)]
    [InlineData(59, 0)]
    [InlineData(5, 0)]
    public void Auto_picks_the_layer_the_downlinks_link_quality_allows(int quality, int substream)
    {
        var measured = DownlinkEstimate.VideoLinkQuality(HandleInfo(quality, sentPackets: 500));

        Assert.Equal(quality, measured);
        Assert.Equal(substream, DownlinkEstimate.Substream(measured, Defaults));
    }

    [Fact]
    public void Auto_without_an_estimate_picks_the_top_layer()
    {
        // Before the first receiver report Janus shows quality 0 and no packets sent; a downlink without video has no entry.
        Assert.Null(DownlinkEstimate.VideoLinkQuality(HandleInfo(0, sentPackets: 0)));
        Assert.Null(DownlinkEstimate.VideoLinkQuality(new JsonObject { ["info"] = new JsonObject() }));
        Assert.Equal(2, DownlinkEstimate.Substream(null, Defaults));
    }

    [Fact]
    public void Auto_thresholds_that_cross_are_refused_with_both_settings_named()
    {
        var options = JanusTestUnits.Options(o => (o.AutoTopLayerQuality, o.AutoMiddleLayerQuality) = (50, 70));

        var result = new JanusOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("AutoMiddleLayerQuality (70) must not exceed AutoTopLayerQuality (50)", result.FailureMessage, StringComparison.Ordinal);
        Assert.Equal(ValidateOptionsResult.Success, new JanusOptionsValidator().Validate(null, JanusTestUnits.Options()));
    }

    private static JsonObject HandleInfo(int quality, long sentPackets)
    {
        var info = (JsonObject)JsonNode.Parse("""
            {"janus":"success","info":{"plugin_specific":{"type":"subscriber"},"webrtc":{"media":{
              "0":{"type":"audio","rtcp":{"main":{"out-media-link-quality":100}},"stats":{"out":{"packets":900}}},
              "1":{"type":"video","rtcp":{"main":{"rtt":6,"lost-by-remote":0}},"stats":{"out":{"bytes_lastsec":135765}}}}}}}
            """)!;
        var video = info["info"]!["webrtc"]!["media"]!["1"]!;
        video["rtcp"]!["main"]!["out-link-quality"] = quality;
        video["rtcp"]!["main"]!["out-media-link-quality"] = quality;
        video["stats"]!["out"]!["packets"] = sentPackets;
        return info;
    }
}
