using System.Text.Json.Nodes;
using Tributary.Media.Janus;

namespace Tributary.Media.Munits;

/// <summary>
/// Reads a munit's load from Janus's admin API — what Janus really holds, whoever attached it: every session's
/// handles (<c>list_sessions</c>, <c>list_handles</c>) and each handle's <c>handle_info</c>, whose VideoRoom
/// <c>plugin_specific.type</c> tells a station (<c>publisher</c>) from a downlink (<c>subscriber</c>) and whose
/// WebRTC statistics carry <c>bytes_lastsec</c> in and out.
/// </summary>
internal static class JanusLoadReader
{
    private const string VideoRoom = "janus.plugin.videoroom";

    // Few at once: a report must not flood Janus's admin thread, and loopback requests take a few ms each.
    private const int Parallelism = 4;

    public static async Task<MunitLoad> ReadAsync(JanusUnit unit, CancellationToken cancellationToken)
    {
        var sessions = (await unit.AdminAsync("list_sessions", cancellationToken: cancellationToken).ConfigureAwait(false))["sessions"]?.AsArray()
            .Select(s => s!.GetValue<long>()).ToList() ?? [];
        var handles = new List<(long Session, long Handle)>();
        foreach (var session in sessions)
        {
            try
            {
                var listed = await unit.AdminAsync("list_handles", session, cancellationToken).ConfigureAwait(false);
                handles.AddRange(listed["handles"]?.AsArray().Select(h => (session, h!.GetValue<long>())) ?? []);
            }
            catch (JanusException e) when (e.Code is JanusErrorCodes.SessionNotFound)
            {
                // Gone between the two requests.
            }
        }

        int stations = 0, downlinks = 0;
        var held = new System.Collections.Concurrent.ConcurrentBag<MunitStation>();
        long bytesIn = 0, bytesOut = 0;
        await Parallel.ForEachAsync(handles, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (h, ct) =>
        {
            JsonObject info;
            try
            {
                info = (await unit.HandleInfoAsync(h.Session, h.Handle, ct).ConfigureAwait(false))["info"] as JsonObject ?? [];
            }
            catch (JanusException e) when (e.Code is JanusErrorCodes.SessionNotFound or JanusErrorCodes.HandleNotFound)
            {
                return;
            }

            if (info["plugin"]?.GetValue<string>() == VideoRoom)
            {
                switch (info["plugin_specific"]?["type"]?.GetValue<string>())
                {
                    case "publisher":
                        Interlocked.Increment(ref stations);
                        if (info["plugin_specific"]?["room"]?.ToString() is { Length: > 0 } room && info["plugin_specific"]?["id"]?.ToString() is { Length: > 0 } feed)
                        {
                            held.Add(new MunitStation(room, feed));
                        }

                        break;
                    case "subscriber":
                        Interlocked.Increment(ref downlinks);
                        break;
                    default:
                        break;
                }
            }

            var (i, o) = LastSecondBytes(info);
            Interlocked.Add(ref bytesIn, i);
            Interlocked.Add(ref bytesOut, o);
        }).ConfigureAwait(false);

        var ordered = held.OrderBy(h => h.RoomId, StringComparer.Ordinal).ThenBy(h => h.SessionId, StringComparer.Ordinal).ToArray();
        return new MunitLoad(stations, downlinks, handles.Count, bytesIn * 8, bytesOut * 8, ordered);
    }

    /// <summary>
    /// Sums every <c>bytes_lastsec</c> (and <c>audio_bytes_lastsec</c>/<c>video_bytes_lastsec</c>) under an
    /// <c>in_stats</c> or <c>out_stats</c> object anywhere in the handle's info: the layout of the WebRTC section
    /// differs between Janus versions, the counter names do not.
    /// </summary>
    internal static (long In, long Out) LastSecondBytes(JsonNode? node)
    {
        long bytesIn = 0, bytesOut = 0;
        Walk(node, null);
        return (bytesIn, bytesOut);

        void Walk(JsonNode? current, string? direction)
        {
            switch (current)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        var inner = key switch { "in_stats" => "in", "out_stats" => "out", _ => direction };
                        if (direction is not null && key.EndsWith("bytes_lastsec", StringComparison.Ordinal) && value is JsonValue v && v.TryGetValue<long>(out var bytes))
                        {
                            if (direction == "in")
                            {
                                bytesIn += bytes;
                            }
                            else
                            {
                                bytesOut += bytes;
                            }
                        }
                        else
                        {
                            Walk(value, inner);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Walk(item, direction);
                    }

                    break;
                default:
                    break;
            }
        }
    }
}
