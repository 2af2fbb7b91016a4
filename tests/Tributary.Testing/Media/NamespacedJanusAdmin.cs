using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Tributary.Testing.Media;

/// <summary>
/// Janus's admin API of a <see cref="NamespacedServer"/>'s munit, reached from the test process through the
/// namespace: the server is started with <see cref="Args"/> (a fixed admin port — a fresh namespace has every port
/// free — and a secret only this object knows), so a test can read what Janus really holds, independent of our
/// own bookkeeping.
/// </summary>
public sealed class NamespacedJanusAdmin(int port = NamespacedJanusAdmin.DefaultPort)
{
    /// <summary>The default admin port inside the namespace.</summary>
    public const int DefaultPort = 17088;

    private readonly string _secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private HttpClient? _http;

    /// <summary>The server arguments that fix the admin port and secret (add them to <see cref="NamespacedServer.JanusArgs"/>).</summary>
    public IReadOnlyList<string> Args => [$"--Media:Janus:AdminPort={Port}", $"--Media:Janus:AdminSecret={_secret}"];

    /// <summary>The admin port inside the namespace (a second munit in the same namespace needs another one).</summary>
    public int Port { get; } = port;

    /// <summary>Binds to the started server (its namespace's HTTP handler).</summary>
    public void Attach(NamespacedServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        _http = new HttpClient(server.Namespace.CreateHttpHandler()) { BaseAddress = new Uri($"http://127.0.0.1:{Port}/admin/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Every VideoRoom handle Janus holds: publishers (stations) and subscribers (downlinks).</summary>
    public async Task<List<JanusHandle>> HandlesAsync()
    {
        var all = new List<JanusHandle>();
        foreach (var session in (await RequestAsync("list_sessions", ""))["sessions"]?.AsArray().Select(s => s!.GetValue<long>()) ?? [])
        {
            var handles = await RequestAsync("list_handles", $"{session}");
            foreach (var handle in handles["handles"]?.AsArray().Select(h => h!.GetValue<long>()) ?? [])
            {
                var info = await RequestAsync("handle_info", $"{session}/{handle}");
                var specific = info["info"]?["plugin_specific"];
                var type = specific?["type"]?.GetValue<string>() ?? "";
                var feed = type switch
                {
                    "publisher" => specific?["id"]?.ToString(),
                    "subscriber" => specific?["streams"]?.AsArray().Select(s => s?["feed_id"]?.ToString()).FirstOrDefault(f => f is not null),
                    _ => null,
                };
                all.Add(new JanusHandle(session, handle, type, feed, info));
            }
        }

        return all;
    }

    /// <summary>Whether VideoRoom has a room <paramref name="roomId"/> (admin <c>message_plugin</c> with VideoRoom's <c>exists</c>).</summary>
    public async Task<bool> RoomExistsAsync(string roomId)
    {
        var answer = await VideoRoomAsync(new JsonObject { ["request"] = "exists", ["room"] = roomId });
        return answer["exists"]?.GetValue<bool>() ?? throw new InvalidOperationException($"VideoRoom did not answer 'exists': {answer.ToJsonString()}");
    }

    /// <summary>A VideoRoom request through the admin API (<c>message_plugin</c>); VideoRoom's answer (with <c>error_code</c> when it refused).</summary>
    public async Task<JsonObject> VideoRoomAsync(JsonObject request)
    {
        var http = _http ?? throw new InvalidOperationException("Attach the server first");
        using var response = await http.PostAsJsonAsync("", new JsonObject
        {
            ["janus"] = "message_plugin",
            ["transaction"] = Guid.NewGuid().ToString("N"),
            ["admin_secret"] = _secret,
            ["plugin"] = "janus.plugin.videoroom",
            ["request"] = request,
        });
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>() ?? [];
        return answer["response"] as JsonObject ?? throw new InvalidOperationException($"Janus did not pass the request to VideoRoom: {answer.ToJsonString()}");
    }

    /// <summary>One admin request; the answer (any Janus error is returned as is, with <c>janus: error</c>).</summary>
    public async Task<JsonObject> RequestAsync(string verb, string path)
    {
        var http = _http ?? throw new InvalidOperationException("Attach the server first");
        using var response = await http.PostAsJsonAsync(path, new { janus = verb, transaction = Guid.NewGuid().ToString("N"), admin_secret = _secret });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonObject>() ?? [];
    }

    /// <summary>A Janus handle as the admin API shows it: VideoRoom type (<c>publisher</c>, <c>subscriber</c>, or empty for our control handle) and the feed (the station's session id, or the one a downlink receives).</summary>
    public sealed record JanusHandle(long Session, long Handle, string Type, string? Feed, JsonObject Info);
}
