namespace Tributary.Media.Engine;

/// <summary>
/// The engine when no media plane is configured: every media signal answers 500 with a clear
/// message, never a fake SDP.
/// </summary>
public sealed class UnavailableMediaEngine : IMediaEngine
{
    private const string Message = "media plane not available: no munit is configured on this cluster";

    /// <inheritdoc />
    public Task<MediaOutcome> PublishAsync(MediaRoom room, string sessionId, string offerSdp, bool restarting, bool hlsForwarding, CancellationToken cancellationToken = default) => Unavailable();

    /// <inheritdoc />
    public Task<MediaOutcome> WatchAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, CancellationToken cancellationToken = default) => Unavailable();

    /// <inheritdoc />
    public Task<MediaOutcome> AnswerAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, string answerSdp, CancellationToken cancellationToken = default) => Unavailable();

    /// <inheritdoc />
    public Task<MediaOutcome> TrickleAsync(MediaRoom room, string sessionId, string? publisherSessionId, string candidate, CancellationToken cancellationToken = default) => Unavailable();

    /// <inheritdoc />
    public Task<MediaOutcome> SetSimulcastLayerAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, string layer, CancellationToken cancellationToken = default) => Unavailable();

    /// <inheritdoc />
    public Task<MediaOutcome> SetSendingAsync(MediaRoom room, string sessionId, bool audio, bool video, CancellationToken cancellationToken = default) => Task.FromResult(MediaOutcome.Ok());

    /// <inheritdoc />
    public Task ReleaseSessionAsync(MediaRoom room, string sessionId, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public Task CloseRoomAsync(MediaRoom room, CancellationToken cancellationToken = default) => Task.CompletedTask;

    private static Task<MediaOutcome> Unavailable() => Task.FromResult(MediaOutcome.Fail(500, Message));
}
