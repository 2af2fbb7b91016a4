using Tributary.Media.Cascading;
using Tributary.Media.Engine;
using Tributary.Media.Janus;
using Tributary.Media.Munits;

namespace Tributary.Studio.Sources;

/// <summary>
/// Where an on-stage publisher's station is and what it sends: this node's own Janus when it holds the station (a
/// node that runs the media role too), else the munit the fleet registry names (any node of the cluster). Either
/// way the answer is an <see cref="IMunitEngine"/> to open and close taps on.
/// </summary>
internal sealed class StationLocator(JanusMediaEngine? local, IGrainFactory? grains)
{
    private readonly MunitEngine? _local = local is null ? null : new MunitEngine(local);

    /// <summary>The station's engine and its streams (VideoRoom's description, a JSON array), or null when it publishes nowhere now.</summary>
    public async Task<(IMunitEngine Engine, string Streams)?> FindAsync(MediaRoom room, string sessionId)
    {
        if (_local is not null && Described(await _local.DescribeStationAsync(room, sessionId).ConfigureAwait(false)) is { } here)
        {
            return (_local, here);
        }

        if (grains is null)
        {
            return null;
        }

        var registry = grains.GetGrain<IMunitRegistryGrain>(IMunitRegistryGrain.Key);
        if (await registry.FindStationAsync(room.RoomId, sessionId).ConfigureAwait(false) is not { } placement)
        {
            return null;
        }

        return Described(await placement.Engine.DescribeStationAsync(room, sessionId).ConfigureAwait(false)) is { } there ? (placement.Engine, there) : null;
    }

    private static string? Described(ForwardStep step) => step.IsSuccess ? step.Streams : null;
}
