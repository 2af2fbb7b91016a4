using System.Collections.Concurrent;
using Tributary.Media.Engine;

namespace Tributary.Rooms.Tests.Grains;

/// <summary>
/// Stands in for the media plane at the <see cref="IMediaEngine"/> seam only, to check what the room asks
/// of it and what it does with the answers. (Real media: the media plane's own tests.)
/// </summary>
internal sealed class ScriptedMediaEngine : IMediaEngine
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public Task<MediaOutcome> PublishAsync(MediaRoom room, string sessionId, string offerSdp, bool restarting, bool hlsForwarding, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"publish {room.RoomId} {sessionId} audioOnly={room.AudioOnly} restarting={restarting} hls={hlsForwarding}");
        return Task.FromResult(offerSdp == "bad" ? MediaOutcome.Fail(500, "janus refused the offer") : MediaOutcome.WithSdp("answer-for-" + sessionId));
    }

    public Task<MediaOutcome> WatchAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"watch {viewerSessionId} {publisherSessionId}");
        return Task.FromResult(MediaOutcome.WithSdp($"offer-{publisherSessionId}-to-{viewerSessionId}"));
    }

    public Task<MediaOutcome> AnswerAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, string answerSdp, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"answer {viewerSessionId} {publisherSessionId} {answerSdp}");
        return Task.FromResult(MediaOutcome.Ok());
    }

    public Task<MediaOutcome> TrickleAsync(MediaRoom room, string sessionId, string? publisherSessionId, string candidate, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"trickle {sessionId} {publisherSessionId ?? "uplink"}");
        return Task.FromResult(MediaOutcome.Ok());
    }

    public Task<MediaOutcome> SetSimulcastLayerAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, string layer, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"layer {viewerSessionId} {publisherSessionId} {layer}");
        return Task.FromResult(MediaOutcome.Ok());
    }

    public Task<MediaOutcome> SetSendingAsync(MediaRoom room, string sessionId, bool audio, bool video, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"sending {sessionId} audio={audio} video={video}");
        return Task.FromResult(MediaOutcome.Ok());
    }

    public Task ReleaseSessionAsync(MediaRoom room, string sessionId, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"release {sessionId}");
        return Task.CompletedTask;
    }

    public Task CloseRoomAsync(MediaRoom room, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"close {room.RoomId}");
        return Task.CompletedTask;
    }
}
