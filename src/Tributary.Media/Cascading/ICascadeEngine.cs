using Tributary.Media.Engine;

namespace Tributary.Media.Cascading;

/// <summary>
/// What a munit's engine does for cascading (a publisher's station on an origin munit forwarded to a target munit
/// whose viewers subscribe there): VideoRoom remote publishers, <c>publish_remotely</c> on the origin and
/// <c>add_remote_publisher</c> on the target. A forward is named by an id the registry gives it; every step is
/// idempotent for the same id, so two viewers racing to set up the same forward leave one.
/// </summary>
public interface ICascadeEngine
{
    /// <summary>Origin: the station's streams as <c>add_remote_publisher</c> takes them (a JSON array); 4024 when not publishing here.</summary>
    Task<ForwardStep> DescribeStationAsync(MediaRoom room, string publisherSessionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Target: adds the publisher as a remote publisher of the room (creating the room when needed) with the
    /// streams <paramref name="streams"/>, or answers the endpoint already opened for <paramref name="forwardId"/>.
    /// A remote publisher left by an older forward of the same publisher is replaced.
    /// </summary>
    Task<ForwardStep> OpenForwardAsync(MediaRoom room, string publisherSessionId, string forwardId, string streams, CancellationToken cancellationToken = default);

    /// <summary>Origin: starts sending the station's RTP to <paramref name="endpoint"/> (once per forward id).</summary>
    Task<MediaOutcome> StartForwardAsync(MediaRoom room, string publisherSessionId, string forwardId, ForwardEndpoint endpoint, CancellationToken cancellationToken = default);

    /// <summary>Origin: stops the forward (<c>unpublish_remotely</c>); nothing when it is not there.</summary>
    Task StopForwardAsync(MediaRoom room, string publisherSessionId, string forwardId, CancellationToken cancellationToken = default);

    /// <summary>Target: removes the remote publisher of the forward (<c>remove_remote_publisher</c>); nothing when it is not there.</summary>
    Task CloseForwardAsync(MediaRoom room, string publisherSessionId, string forwardId, CancellationToken cancellationToken = default);

    /// <summary>Releases one downlink (a viewer's subscription to one publisher), e.g. when a re-WATCH moved it to another munit.</summary>
    Task ReleaseDownlinkAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, CancellationToken cancellationToken = default);
}
