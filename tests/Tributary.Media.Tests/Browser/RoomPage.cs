using System.Text.Json;
using Microsoft.Playwright;
using Tributary.Testing.Media;

namespace Tributary.Media.Tests.Browser;

/// <summary>One user's page running <c>room.html</c>, the minimal SIGNALING.md m2m/a2m client.</summary>
public sealed class RoomPage(IPage page, NamespacedServer server, string name, string userId, string sessionId) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public string Name { get; } = name;

    public string UserId { get; } = userId;

    public string SessionId { get; } = sessionId;

    /// <summary>The <c>to</c> object naming this page's session.</summary>
    public object To => new { userId = UserId, sessionId = SessionId };

    /// <summary>JOIN (answering every downlink offer of the ack unless <paramref name="ignoreOffers"/>).</summary>
    public Task<JoinResult> JoinAsync(string rid, string ch, bool create, bool video = true, bool audio = true, bool ignoreOffers = false) =>
        EvalAsync<JoinResult>("a => T.join(a)", new
        {
            server = server.Origin,
            token = server.IssueToken(UserId),
            userId = UserId,
            sessionId = SessionId,
            rid,
            ch,
            create,
            video,
            audio,
            ignoreOffers,
        });

    /// <summary>Publishes the fake camera and/or microphone; the OFFER ack's code.</summary>
    public Task<SignalResult> PublishAsync(bool video = true, bool audio = true, string? codec = null, bool simulcast = false) =>
        EvalAsync<SignalResult>("a => T.publish(a)", new { video, audio, codec, simulcast });

    public Task<SignalResult> WatchAsync(RoomPage publisher) => EvalAsync<SignalResult>("to => T.watch(to)", publisher.To);

    public Task<int> UpdateAsync(bool video, bool audio) => Page.EvaluateAsync<int>("a => T.update(a.video, a.audio)", new { video, audio });

    public Task<int> SimulcastAsync(RoomPage publisher, string layer) =>
        Page.EvaluateAsync<int>("a => T.simulcast(a.to, a.layer)", new { to = publisher.To, layer });

    /// <summary>PUBLISH_REQUEST (a viewer raises a hand); answers the ack's code.</summary>
    public Task<int> RequestPublishAsync() => Page.EvaluateAsync<int>("() => T.requestPublish()");

    /// <summary>PUBLISH_ACCEPT of <paramref name="viewer"/>'s request (the owner); answers the ack's code.</summary>
    public Task<int> AcceptPublishAsync(RoomPage viewer) => Page.EvaluateAsync<int>("to => T.acceptPublish(to)", viewer.To);

    public Task<int> LeaveAsync() => Page.EvaluateAsync<int>("() => T.leave()");

    public Task<int> KickAsync(RoomPage target) => Page.EvaluateAsync<int>("to => T.kick(to)", target.To);

    public Task DropSocketAsync() => Page.EvaluateAsync("() => T.dropSocket()");

    public Task<SignalResult> RejoinAndRestartAsync() => EvalAsync<SignalResult>("() => T.rejoinAndRestart()");

    /// <summary>How the page recovers from a lost munit: <c>restart</c> (handles RESTART) or <c>watchdog</c> (ignores it, re-JOINs).</summary>
    public Task RecoverByAsync(string mode) => Page.EvaluateAsync("m => T.recovery(m)", mode);

    /// <summary>How many times the watchdog re-JOINed.</summary>
    public Task<int> RejoinsAsync() => Page.EvaluateAsync<int>("() => T.rejoins || 0");

    public Task<string> UplinkStateAsync() => Page.EvaluateAsync<string>("() => T.uplinkState()");

    /// <summary>What this page's downlink of <paramref name="publisher"/> received so far.</summary>
    public Task<DownlinkStats> StatsAsync(RoomPage publisher) => EvalAsync<DownlinkStats>("id => T.stats(id)", publisher.SessionId);

    /// <summary>The acks this page got with a code other than 200 (e.g. <c>ICE 4024 …</c>).</summary>
    public async Task<string[]> FailedAcksAsync() =>
        await Page.EvaluateAsync<string[]>("() => T.log.filter(l => /^[A-Z_]+ \\d+/.test(l) && !/^[A-Z_]+ 200/.test(l))");

    /// <summary>The signals this page saw, for failure messages.</summary>
    public async Task<string> LogAsync() => Name + " saw: " + string.Join(", ", await Page.EvaluateAsync<string[]>("() => T.log"));

    /// <summary>Runs <paramref name="script"/> and reads its result as a record (Playwright's own mapping needs setters).</summary>
    private async Task<T> EvalAsync<T>(string script, object? arg = null)
    {
        var result = await Page.EvaluateAsync<JsonElement>(script, arg);
        return result.Deserialize<T>(JsonOptions) ?? throw new InvalidOperationException($"{script} returned nothing");
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    public async ValueTask DisposeAsync() => await Page.Context.CloseAsync();

    public sealed record JoinResult(int C, string? Pt, string[]? Sdps, int[]? Answers, string? Msg);

    public sealed record SignalResult(int C, string? Msg, string? Answer, int? Answered);

    /// <param name="N">Which downlink of the page this is (1, 2, … in the order the page made them): a replaced downlink has a new one.</param>
    public sealed record DownlinkStats(bool Exists, string State, long FramesDecoded, long FrameWidth, long AudioPackets, string VideoCodec, bool ActiveVideo, bool ActiveAudio, int N = 0)
    {
        public override string ToString() => JsonSerializer.Serialize(this);
    }
}
