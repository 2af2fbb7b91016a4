using Tributary.Media.Engine;

namespace Tributary.Media.Munits;

/// <summary>The local engine behind this munit's <see cref="IMunitEngine"/> observer reference.</summary>
internal sealed class MunitEngine(IMediaEngine engine) : IMunitEngine
{
    public Task<MediaOutcome> PublishAsync(MediaRoom room, string sessionId, string offerSdp, bool restarting, bool hlsForwarding) =>
        engine.PublishAsync(room, sessionId, offerSdp, restarting, hlsForwarding);

    public Task<MediaOutcome> WatchAsync(MediaRoom room, string viewerSessionId, string publisherSessionId) =>
        engine.WatchAsync(room, viewerSessionId, publisherSessionId);

    public Task<MediaOutcome> AnswerAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, string answerSdp) =>
        engine.AnswerAsync(room, viewerSessionId, publisherSessionId, answerSdp);

    public Task<MediaOutcome> TrickleAsync(MediaRoom room, string sessionId, string? publisherSessionId, string candidate) =>
        engine.TrickleAsync(room, sessionId, publisherSessionId, candidate);

    public Task<MediaOutcome> SetSimulcastLayerAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, string layer) =>
        engine.SetSimulcastLayerAsync(room, viewerSessionId, publisherSessionId, layer);

    public Task<MediaOutcome> SetSendingAsync(MediaRoom room, string sessionId, bool audio, bool video) =>
        engine.SetSendingAsync(room, sessionId, audio, video);

    public Task ReleaseSessionAsync(MediaRoom room, string sessionId) => engine.ReleaseSessionAsync(room, sessionId);

    public Task CloseRoomAsync(MediaRoom room) => engine.CloseRoomAsync(room);
}
