using Tributary.Media.Cascading;
using Tributary.Media.Engine;
using Tributary.Media.Forwarding;

namespace Tributary.Media.Munits;

/// <summary>
/// A munit's media engine as the rest of the cluster calls it: an Orleans observer the munit's regulator creates on
/// its own silo (so calls land in the process that owns the Janus) and hands out through its reports. Same
/// operations and outcomes as <see cref="IMediaEngine"/>.
/// </summary>
public interface IMunitEngine : IGrainObserver
{
    /// <summary><see cref="IMediaEngine.PublishAsync"/>.</summary>
    Task<MediaOutcome> PublishAsync(MediaRoom room, string sessionId, string offerSdp, bool restarting, bool hlsForwarding);

    /// <summary><see cref="IMediaEngine.WatchAsync"/>.</summary>
    Task<MediaOutcome> WatchAsync(MediaRoom room, string viewerSessionId, string publisherSessionId);

    /// <summary><see cref="IMediaEngine.AnswerAsync"/>.</summary>
    Task<MediaOutcome> AnswerAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, string answerSdp);

    /// <summary><see cref="IMediaEngine.TrickleAsync"/>.</summary>
    Task<MediaOutcome> TrickleAsync(MediaRoom room, string sessionId, string? publisherSessionId, string candidate);

    /// <summary><see cref="IMediaEngine.SetSimulcastLayerAsync"/>.</summary>
    Task<MediaOutcome> SetSimulcastLayerAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, string layer);

    /// <summary><see cref="IMediaEngine.SetSendingAsync"/>.</summary>
    Task<MediaOutcome> SetSendingAsync(MediaRoom room, string sessionId, bool audio, bool video);

    /// <summary><see cref="IMediaEngine.ReleaseSessionAsync"/>.</summary>
    Task ReleaseSessionAsync(MediaRoom room, string sessionId);

    /// <summary><see cref="IMediaEngine.CloseRoomAsync"/>.</summary>
    Task CloseRoomAsync(MediaRoom room);

    /// <summary><see cref="ICascadeEngine.DescribeStationAsync"/>.</summary>
    Task<ForwardStep> DescribeStationAsync(MediaRoom room, string publisherSessionId);

    /// <summary><see cref="ICascadeEngine.OpenForwardAsync"/>.</summary>
    Task<ForwardStep> OpenForwardAsync(MediaRoom room, string publisherSessionId, string forwardId, string streams);

    /// <summary><see cref="ICascadeEngine.StartForwardAsync"/>.</summary>
    Task<MediaOutcome> StartForwardAsync(MediaRoom room, string publisherSessionId, string forwardId, ForwardEndpoint endpoint);

    /// <summary><see cref="ICascadeEngine.StopForwardAsync"/>.</summary>
    Task StopForwardAsync(MediaRoom room, string publisherSessionId, string forwardId);

    /// <summary><see cref="ICascadeEngine.CloseForwardAsync"/>.</summary>
    Task CloseForwardAsync(MediaRoom room, string publisherSessionId, string forwardId);

    /// <summary><see cref="ICascadeEngine.ReleaseDownlinkAsync"/>.</summary>
    Task ReleaseDownlinkAsync(MediaRoom room, string viewerSessionId, string publisherSessionId);

    /// <summary><see cref="IRtpTapEngine.OpenTapAsync"/>.</summary>
    Task<MediaOutcome> OpenTapAsync(MediaRoom room, string publisherSessionId, string tapId, RtpTapTarget target);

    /// <summary><see cref="IRtpTapEngine.CloseTapAsync"/>.</summary>
    Task CloseTapAsync(MediaRoom room, string publisherSessionId, string tapId);
}
