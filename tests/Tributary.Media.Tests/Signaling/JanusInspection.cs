using System.Text.Json.Nodes;
using Tributary.Media.Janus;

namespace Tributary.Media.Tests.Signaling;

/// <summary>What a Janus really holds, read through its admin API (independent of our own bookkeeping).</summary>
public static class JanusInspection
{
    /// <summary>
    /// The stations Janus really holds, from its admin API: the feed id (our session id) of every VideoRoom
    /// publisher handle of every Janus session.
    /// </summary>
    public static async Task<List<string>> StationsAsync(JanusUnit janus) =>
        [.. (await StationHandlesAsync(janus)).Keys.Order(StringComparer.Ordinal)];

    /// <summary>Each station's Janus handle, by feed id (our session id).</summary>
    public static async Task<Dictionary<string, long>> StationHandlesAsync(JanusUnit janus)
    {
        var stations = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (session, handle) in await HandlesAsync(janus))
        {
            JsonNode? specific;
            try
            {
                specific = (await janus.HandleInfoAsync(session, handle))["info"]?["plugin_specific"];
            }
            catch (JanusException e) when (e.Code is JanusErrorCodes.SessionNotFound or JanusErrorCodes.HandleNotFound)
            {
                continue;
            }

            if (specific?["type"]?.GetValue<string>() == "publisher")
            {
                stations[specific["id"]!.ToString()] = handle;
            }
        }

        return stations;
    }

    /// <summary>Every (session, handle) Janus holds (<c>list_sessions</c>, <c>list_handles</c>).</summary>
    public static async Task<List<(long Session, long Handle)>> HandlesAsync(JanusUnit janus)
    {
        var all = new List<(long, long)>();
        foreach (var session in (await janus.AdminAsync("list_sessions"))["sessions"]!.AsArray().Select(s => s!.GetValue<long>()))
        {
            try
            {
                all.AddRange((await janus.AdminAsync("list_handles", session))["handles"]!.AsArray().Select(h => (session, h!.GetValue<long>())));
            }
            catch (JanusException e) when (e.Code == JanusErrorCodes.SessionNotFound)
            {
            }
        }

        return all;
    }
}
