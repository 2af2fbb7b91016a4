namespace Tributary.Media.Engine;

/// <summary>
/// The media plane as the room logic sees it: m2m/a2m OFFER, WATCH, ANSWER, ICE and SIMULCAST_UPDATE
/// become Janus requests (a station per publisher uplink, a downlink per watched publisher).
/// Implementations never throw for client-caused problems: they answer a <see cref="MediaOutcome"/>.
/// </summary>
public interface IMediaEngine
{
    /// <summary>A publisher's uplink offer (OFFER); success carries the answer SDP.</summary>
    Task<MediaOutcome> PublishAsync(MediaRoom room, string sessionId, string offerSdp, bool restarting, bool hlsForwarding, CancellationToken cancellationToken = default);

    /// <summary>A viewer asks for a publisher's stream (WATCH); success carries the offer SDP.</summary>
    Task<MediaOutcome> WatchAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, CancellationToken cancellationToken = default);

    /// <summary>The viewer's answer to a downlink offer (ANSWER with <c>to</c>).</summary>
    Task<MediaOutcome> AnswerAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, string answerSdp, CancellationToken cancellationToken = default);

    /// <summary>
    /// A trickled candidate (ICE): for the sender's uplink when <paramref name="publisherSessionId"/> is null,
    /// else for its downlink of that publisher. <paramref name="candidate"/> is RTCIceCandidateInit JSON or a bare line.
    /// </summary>
    Task<MediaOutcome> TrickleAsync(MediaRoom room, string sessionId, string? publisherSessionId, string candidate, CancellationToken cancellationToken = default);

    /// <summary>Chooses the simulcast layer (<c>h</c>, <c>m</c>, <c>l</c> or <c>auto</c>) of a downlink.</summary>
    Task<MediaOutcome> SetSimulcastLayerAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, string layer, CancellationToken cancellationToken = default);

    /// <summary>
    /// A publisher's UPDATE: whether its audio and video are relayed to viewers (mute stops the packets at the
    /// media server, whatever the client keeps sending). Not publishing yet: nothing to do.
    /// </summary>
    Task<MediaOutcome> SetSendingAsync(MediaRoom room, string sessionId, bool audio, bool video, CancellationToken cancellationToken = default);

    /// <summary>Releases everything a session holds in the room (its station and its downlinks): LEAVE, KICK, expiry.</summary>
    Task ReleaseSessionAsync(MediaRoom room, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Releases everything of a room that ended.</summary>
    Task CloseRoomAsync(MediaRoom room, CancellationToken cancellationToken = default);
}
