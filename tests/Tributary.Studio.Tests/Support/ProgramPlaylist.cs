using System.Globalization;

namespace Tributary.Studio.Tests.Support;

/// <summary>Reads a studio program's LL-HLS media playlist the way a player polls it.</summary>
public static class ProgramPlaylist
{
    /// <summary>The media playlist of the program's variant for master playlist <paramref name="masterPath"/>.</summary>
    public static string MediaPath(string masterPath) => masterPath.Replace("/playlist.m3u8", "/v0/playlist.m3u8", StringComparison.Ordinal);

    /// <summary>Polls <paramref name="path"/> until it answers 200 with a playlist that satisfies <paramref name="done"/>.</summary>
    public static Task<string> WaitAsync(HttpClient http, string path, Func<string, bool> done, string what) =>
        Eventually.ReachAsync(async () =>
        {
            using var response = await http.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            return (int)response.StatusCode == 200 ? text : $"{(int)response.StatusCode} {text}";
        }, done, what);

    /// <summary>The media sequence number of the newest complete segment, or -1 when there is none.</summary>
    public static long LastSegment(string playlist)
    {
        var lines = playlist.Split('\n');
        var first = lines.FirstOrDefault(l => l.StartsWith("#EXT-X-MEDIA-SEQUENCE:", StringComparison.Ordinal));
        if (first is null)
        {
            return -1;
        }

        var sequence = long.Parse(first["#EXT-X-MEDIA-SEQUENCE:".Length..], CultureInfo.InvariantCulture);
        return sequence + lines.Count(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal)) - 1;
    }

    /// <summary>A live playlist with at least one complete segment and LL-HLS parts.</summary>
    public static bool HasSegmentsAndParts(string playlist) =>
        playlist.StartsWith("#EXTM3U", StringComparison.Ordinal) && playlist.Contains("#EXTINF:", StringComparison.Ordinal)
        && playlist.Contains("#EXT-X-PART:", StringComparison.Ordinal) && !playlist.Contains("#EXT-X-ENDLIST", StringComparison.Ordinal);
}
