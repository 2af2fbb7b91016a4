using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Tributary.Testing.Media;

namespace Tributary.Studio.Tests.Support;

/// <summary>GraphQL and frame grabs against a server in a network namespace (the studio tests where media flows).</summary>
internal static class NamespacedStudio
{
    /// <summary>data.<paramref name="field"/> of a GraphQL request as the token's user; throws with the body on any error.</summary>
    public static async Task<JsonElement> GraphQLAsync(NamespacedServer server, string token, string query, string field, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await server.Http.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        if (body.TryGetProperty("errors", out _))
        {
            throw new InvalidOperationException(body.ToString());
        }

        return body.GetProperty("data").GetProperty(field);
    }

    /// <summary>One frame of <paramref name="url"/> (an RTMP stream inside the namespace), scaled to 128×72.</summary>
    public static async Task<Ffmpeg.Frame> GrabAsync(NamespacedServer server, string url)
    {
        var file = Path.Combine(server.DataDir, $"frame-{Guid.NewGuid():N}.rgb");
        try
        {
            await Task.Run(() => server.Namespace.Exec("ffmpeg", "-v", "error", "-rw_timeout", "15000000", "-i", url, "-vf", "select=gte(n\\,5),scale=128:72", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-y", file));
            return new Ffmpeg.Frame(128, 72, await File.ReadAllBytesAsync(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Codec names, width and height of <paramref name="url"/>'s streams (ffprobe JSON).</summary>
    public static Task<string> ProbeAsync(NamespacedServer server, string url) =>
        Task.Run(() => server.Namespace.Exec("ffprobe", "-v", "error", "-analyzeduration", "1000000", "-probesize", "1000000", "-show_entries", "stream=codec_name,width,height", "-of", "json", url));

    /// <summary>Writes a 2-second solid-colour Y4M (a fake camera for Chromium) into the server's data folder and answers its path.</summary>
    public static string FakeCamera(NamespacedServer server, string colour)
    {
        var path = Path.Combine(server.DataDir, colour + ".y4m");
        Testing.Servers.ExternalProcess.Run("/usr/bin/ffmpeg", "-v", "error", "-f", "lavfi", "-i", $"color=c={colour}:s=320x240:r=15", "-t", "2", "-pix_fmt", "yuv420p", "-y", path);
        return path;
    }

    public static bool IsRed((int R, int G, int B) p) => p.R > 160 && p.G < 90 && p.B < 90;

    public static bool IsBlue((int R, int G, int B) p) => p.B > 160 && p.R < 90 && p.G < 90;

    /// <summary>The layout's empty slot (RGB 0x2a2a2a).</summary>
    public static bool IsEmptySlot((int R, int G, int B) p) => Math.Abs(p.R - 42) < 12 && Math.Abs(p.G - 42) < 12 && Math.Abs(p.B - 42) < 12;
}
