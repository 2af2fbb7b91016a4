using System.Text.Json.Nodes;

namespace Tributary.Media.Janus;

/// <summary>
/// An asynchronous Janus event that answers no request of ours: <c>webrtcup</c>, <c>media</c>, <c>hangup</c>,
/// <c>slowlink</c>, <c>detached</c>, or a plugin <c>event</c> (e.g. VideoRoom's <c>publishers</c>, <c>unpublished</c>).
/// </summary>
/// <param name="Kind">The <c>janus</c> field.</param>
/// <param name="HandleId">The handle it is about (<c>sender</c>), when any.</param>
/// <param name="Message">The whole message.</param>
public sealed record JanusEvent(string Kind, long? HandleId, JsonObject Message)
{
    /// <summary>The plugin's payload (<c>plugindata.data</c>), for plugin events.</summary>
    public JsonObject? PluginData => Message["plugindata"]?["data"] as JsonObject;

    /// <summary>The SDP offer or answer carried, if any.</summary>
    public JsonObject? Jsep => Message["jsep"] as JsonObject;
}
