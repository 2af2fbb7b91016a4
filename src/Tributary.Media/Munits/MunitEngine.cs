using Tributary.Media.Cascading;
using Tributary.Media.Engine;
using Tributary.Media.Forwarding;

namespace Tributary.Media.Munits;

/// <summary>
/// The local engine behind this munit's <see cref="IMunitEngine"/> observer reference. Cascading needs an engine that
/// is also an <see cref="ICascadeEngine"/> (Janus), taps one that is an <see cref="IRtpTapEngine"/>; any other answers
/// 500 to their set-up. Also the in-process way to call this node's own engine as a munit (the studio's sources).
/// </summary>
public sealed class MunitEngine(IMediaEngine engine) : IMunitEngine
{
    private const string NoCascading = "this media unit's engine cannot forward streams to other media units";
    private const string NoTaps = "this media unit's engine cannot tap streams";

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

    public Task<ForwardStep> DescribeStationAsync(MediaRoom room, string publisherSessionId) =>
        engine is ICascadeEngine cascade ? cascade.DescribeStationAsync(room, publisherSessionId) : Task.FromResult(ForwardStep.Fail(500, NoCascading));

    public Task<ForwardStep> OpenForwardAsync(MediaRoom room, string publisherSessionId, string forwardId, string streams) =>
        engine is ICascadeEngine cascade ? cascade.OpenForwardAsync(room, publisherSessionId, forwardId, streams) : Task.FromResult(ForwardStep.Fail(500, NoCascading));

    public Task<MediaOutcome> StartForwardAsync(MediaRoom room, string publisherSessionId, string forwardId, ForwardEndpoint endpoint) =>
        engine is ICascadeEngine cascade ? cascade.StartForwardAsync(room, publisherSessionId, forwardId, endpoint) : Task.FromResult(MediaOutcome.Fail(500, NoCascading));

    public Task StopForwardAsync(MediaRoom room, string publisherSessionId, string forwardId) =>
        engine is ICascadeEngine cascade ? cascade.StopForwardAsync(room, publisherSessionId, forwardId) : Task.CompletedTask;

    public Task CloseForwardAsync(MediaRoom room, string publisherSessionId, string forwardId) =>
        engine is ICascadeEngine cascade ? cascade.CloseForwardAsync(room, publisherSessionId, forwardId) : Task.CompletedTask;

    public Task ReleaseDownlinkAsync(MediaRoom room, string viewerSessionId, string publisherSessionId) =>
        engine is ICascadeEngine cascade ? cascade.ReleaseDownlinkAsync(room, viewerSessionId, publisherSessionId) : Task.CompletedTask;

    public Task<MediaOutcome> OpenTapAsync(MediaRoom room, string publisherSessionId, string tapId, RtpTapTarget target) =>
        engine is IRtpTapEngine taps ? taps.OpenTapAsync(room, publisherSessionId, tapId, target) : Task.FromResult(MediaOutcome.Fail(500, NoTaps));

    public Task CloseTapAsync(MediaRoom room, string publisherSessionId, string tapId) =>
        engine is IRtpTapEngine taps ? taps.CloseTapAsync(room, publisherSessionId, tapId) : Task.CompletedTask;
}
