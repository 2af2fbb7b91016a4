namespace Tributary.Fleet.Placement;

/// <summary>How a viewer's downlink reaches a publisher.</summary>
public enum DownlinkRoute
{
    /// <summary>No route (see <see cref="DownlinkPlacement.Outcome"/>).</summary>
    None,

    /// <summary>On the publisher's own munit.</summary>
    Local,

    /// <summary>On another munit that already receives a forward of the publisher.</summary>
    ExistingForward,

    /// <summary>On another munit that needs a new forward of the publisher (<c>publish_remotely</c> / <c>add_remote_publisher</c>).</summary>
    NewForward,
}
