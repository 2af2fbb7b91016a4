using System.Globalization;

namespace Tributary.Hls.Tests.Forwarding;

/// <summary>Follows a live media playlist the way a low-latency player does, until it shows what a test waits for.</summary>
public static class LivePlaylist
{
    /// <summary>
    /// Blocking reloads (each for the segment after the newest one) until the playlist satisfies
    /// <paramref name="done"/>. Before the broadcast's first piece there is nothing to block on (404), so that
    /// phase polls; 503 (held too long) just asks again.
    /// </summary>
    public static async Task<string> WaitAsync(HttpClient http, string path, Func<string, bool> done, TimeSpan patience)
    {
        using var deadline = new CancellationTokenSource(patience);
        string? last = null;
        while (true)
        {
            var query = last is null ? path : $"{path}?_HLS_msn={NextMsn(last).ToString(CultureInfo.InvariantCulture)}";
            using var response = await http.GetAsync(query, deadline.Token);
            var text = await response.Content.ReadAsStringAsync(deadline.Token);
            if ((int)response.StatusCode == 200)
            {
                last = text;
                if (done(text))
                {
                    return text;
                }
            }
            else if ((int)response.StatusCode == 404)
            {
                await Task.Delay(200, deadline.Token);
            }
            else if ((int)response.StatusCode != 503)
            {
                Assert.Fail($"GET {query} answered {(int)response.StatusCode}: {text}");
            }
        }
    }

    private static long NextMsn(string playlist)
    {
        var lines = playlist.Split('\n');
        var sequence = long.Parse(lines.First(l => l.StartsWith("#EXT-X-MEDIA-SEQUENCE:", StringComparison.Ordinal))["#EXT-X-MEDIA-SEQUENCE:".Length..], CultureInfo.InvariantCulture);
        return sequence + lines.Count(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal));
    }
}
