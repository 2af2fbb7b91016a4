using Tributary.Media.Engine;
using Tributary.Media.Munits;

namespace Tributary.Media.Cascading;

/// <summary>A forward whose last viewer left: stop it on the origin and remove its remote publisher on the target (either may be gone).</summary>
[GenerateSerializer, Immutable]
public sealed record ForwardTeardown(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string PublisherSessionId,
    [property: Id(2)] string ForwardId,
    [property: Id(3)] MunitPlacement? Origin,
    [property: Id(4)] MunitPlacement? Target)
{
    /// <summary>
    /// Stops the forward on its origin (<c>unpublish_remotely</c>), then removes the remote publisher on its target, for
    /// each end that is listed. Each end's outcome goes to <paramref name="report"/> (<c>"origin"</c> or <c>"target"</c>,
    /// the munit, the failure or null); a failure is not retried: that munit is gone or going.
    /// </summary>
    public async Task RunAsync(Action<string, MunitPlacement, Exception?> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var room = new MediaRoom(RoomId, AudioOnly: false);
        if (Origin is { } origin)
        {
            await EndAsync("origin", origin, e => e.StopForwardAsync(room, PublisherSessionId, ForwardId), report).ConfigureAwait(false);
        }

        if (Target is { } target)
        {
            await EndAsync("target", target, e => e.CloseForwardAsync(room, PublisherSessionId, ForwardId), report).ConfigureAwait(false);
        }
    }

    private static async Task EndAsync(string end, MunitPlacement placement, Func<IMunitEngine, Task> call, Action<string, MunitPlacement, Exception?> report)
    {
        try
        {
            await call(placement.Engine).ConfigureAwait(false);
            report(end, placement, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            report(end, placement, e);
        }
    }
}
