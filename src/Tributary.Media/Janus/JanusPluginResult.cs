using System.Text.Json.Nodes;

namespace Tributary.Media.Janus;

/// <summary>A plugin's answer to a message: its data (<c>plugindata.data</c>) and the SDP it carries, if any.</summary>
/// <param name="Data">The plugin's data, e.g. <c>{"videoroom":"joined",…}</c>.</param>
/// <param name="Jsep">The JSEP (<c>{"type":"answer","sdp":…}</c>) for messages that carried or asked for one.</param>
public sealed record JanusPluginResult(JsonObject Data, JsonObject? Jsep)
{
    /// <summary>The SDP text of <see cref="Jsep"/>, if any.</summary>
    public string? Sdp => Jsep?["sdp"]?.GetValue<string>();
}
