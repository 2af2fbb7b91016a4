using Tributary.Media.Cascading;
using Tributary.Media.Engine;
using Tributary.Media.Forwarding;
using Tributary.Media.Munits;

namespace Tributary.Fleet.Tests.Control;

/// <summary>
/// A munit without Janus, for fault injection: the test sends its reports (so it can fall silent at will) and its
/// engine, a real Orleans observer on the test host's silo, records every call and answers OFFER/WATCH with a fixed SDP.
/// </summary>
public sealed class FakeMunit : IMunitEngine
{
    private readonly IGrainFactory _grains;
    private readonly object _lock = new();
    private readonly List<string> _calls = [];
    private long _sequence;

    private FakeMunit(IGrainFactory grains, string id)
    {
        _grains = grains;
        Id = id;
        Engine = grains.CreateObjectReference<IMunitEngine>(this);
    }

    /// <summary>The munit id.</summary>
    public string Id { get; }

    /// <summary>The observer reference the reports carry.</summary>
    public IMunitEngine Engine { get; }

    /// <summary>Calls received, as <c>OFFER room session restarting</c>, <c>RELEASE room session</c>, ….</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Creates the munit and sends its first report.</summary>
    public static async Task<FakeMunit> StartAsync(IGrainFactory grains, string id, DateTimeOffset now, int downlinks = 0)
    {
        var munit = new FakeMunit(grains, id);
        await munit.ReportAsync(now, downlinks);
        return munit;
    }

    /// <summary>One report: healthy Janus, <paramref name="downlinks"/> downlinks, the stations Janus holds (<paramref name="held"/>).</summary>
    public Task ReportAsync(DateTimeOffset now, int downlinks = 0, JanusHealth janus = JanusHealth.Healthy, MunitStation[]? held = null) =>
        _grains.GetGrain<IMunitRegistryGrain>(IMunitRegistryGrain.Key).ReportAsync(new MunitReport(
            Id,
            "fake-host",
            null,
            janus,
            0,
            null,
            new MunitLoad(held?.Length ?? 0, downlinks, downlinks, 0, 0, held),
            new MunitCapacity(100, 300, 1_000_000_000),
            now,
            TimeSpan.FromSeconds(5),
            Interlocked.Increment(ref _sequence),
            janus == JanusHealth.Stopped ? null : Engine));

    public Task<MediaOutcome> PublishAsync(MediaRoom room, string sessionId, string offerSdp, bool restarting, bool hlsForwarding)
    {
        Record($"OFFER {room.RoomId} {sessionId} {restarting}");
        return Task.FromResult(MediaOutcome.WithSdp("v=0 answer-from-" + Id));
    }

    public Task<MediaOutcome> WatchAsync(MediaRoom room, string viewerSessionId, string publisherSessionId)
    {
        Record($"WATCH {room.RoomId} {viewerSessionId} {publisherSessionId}");
        return Task.FromResult(MediaOutcome.WithSdp("v=0 offer-from-" + Id));
    }

    public Task<MediaOutcome> AnswerAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, string answerSdp) => Ok($"ANSWER {room.RoomId} {viewerSessionId}");

    public Task<MediaOutcome> TrickleAsync(MediaRoom room, string sessionId, string? publisherSessionId, string candidate) => Ok($"ICE {room.RoomId} {sessionId}");

    public Task<MediaOutcome> SetSimulcastLayerAsync(MediaRoom room, string viewerSessionId, string publisherSessionId, string layer) => Ok($"SIMULCAST {room.RoomId} {viewerSessionId}");

    public Task<MediaOutcome> SetSendingAsync(MediaRoom room, string sessionId, bool audio, bool video) => Ok($"UPDATE {room.RoomId} {sessionId}");

    public Task ReleaseSessionAsync(MediaRoom room, string sessionId) => Ok($"RELEASE {room.RoomId} {sessionId}");

    public Task CloseRoomAsync(MediaRoom room) => Ok($"CLOSE {room.RoomId}");

    public Task<ForwardStep> DescribeStationAsync(MediaRoom room, string publisherSessionId)
    {
        Record($"DESCRIBE {room.RoomId} {publisherSessionId}");
        return Task.FromResult(new ForwardStep(200, Streams: "[{\"type\":\"audio\",\"mindex\":0,\"mid\":\"0\",\"codec\":\"opus\"}]"));
    }

    public Task<ForwardStep> OpenForwardAsync(MediaRoom room, string publisherSessionId, string forwardId, string streams)
    {
        Record($"OPEN {room.RoomId} {publisherSessionId} {forwardId}");
        return Task.FromResult(new ForwardStep(200, Endpoint: new ForwardEndpoint("host-of-" + Id, 5000, 5001)));
    }

    public Task<MediaOutcome> StartForwardAsync(MediaRoom room, string publisherSessionId, string forwardId, ForwardEndpoint endpoint) =>
        Ok($"START {room.RoomId} {publisherSessionId} {forwardId} {endpoint.Host}:{endpoint.Port}");

    public Task StopForwardAsync(MediaRoom room, string publisherSessionId, string forwardId) => Ok($"STOP {room.RoomId} {publisherSessionId} {forwardId}");

    public Task CloseForwardAsync(MediaRoom room, string publisherSessionId, string forwardId) => Ok($"CLOSEFORWARD {room.RoomId} {publisherSessionId} {forwardId}");

    public Task ReleaseDownlinkAsync(MediaRoom room, string viewerSessionId, string publisherSessionId) => Ok($"RELEASEDOWNLINK {room.RoomId} {viewerSessionId} {publisherSessionId}");

    public Task<MediaOutcome> OpenTapAsync(MediaRoom room, string publisherSessionId, string tapId, RtpTapTarget target) => Ok($"OPENTAP {room.RoomId} {publisherSessionId} {tapId}");

    public Task CloseTapAsync(MediaRoom room, string publisherSessionId, string tapId) => Ok($"CLOSETAP {room.RoomId} {publisherSessionId} {tapId}");

    private Task<MediaOutcome> Ok(string call)
    {
        Record(call);
        return Task.FromResult(MediaOutcome.Ok());
    }

    private void Record(string call)
    {
        lock (_lock)
        {
            _calls.Add(call);
        }
    }
}
