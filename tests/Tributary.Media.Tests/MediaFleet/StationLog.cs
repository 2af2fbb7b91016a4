using System.Text.RegularExpressions;
using Tributary.Media.Tests.Browser;
using Tributary.Testing.Media;

namespace Tributary.Media.Tests.MediaFleet;

/// <summary>Where the control server placed a publisher's station, read from its log (ClusterMediaEngine, event 6610).</summary>
internal static partial class StationLog
{
    /// <summary>The munit of the last OFFER of <paramref name="publisher"/> the control server placed.</summary>
    public static string MunitOf(NamespacedServer control, RoomPage publisher)
    {
        var matches = StationLine().Matches(control.Output).Where(m => m.Groups[1].Value == publisher.SessionId).ToList();
        Assert.True(matches.Count > 0, $"no station of {publisher.Name} in the control server's log");
        return matches[^1].Groups[2].Value;
    }

    [GeneratedRegex(@"station of (\S+) on munit (\S+)")]
    private static partial Regex StationLine();
}
