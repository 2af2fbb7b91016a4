using System.Net;
using Tributary.Client;
using Tributary.Media.Munits;
using Tributary.Media.Processes;
using Tributary.Media.Tests.Janus;
using Tributary.Media.Tests.Processes;
using Tributary.Media.Tests.Signaling;

namespace Tributary.Media.Tests.Munits;

/// <summary>Janus SIGKILLed under a live room: the regulator restarts it and says so; clients get clear errors, then new rooms work.</summary>
public sealed class JanusRestartTests
{
    // Long enough that the test's signals surely land while Janus is down; the restart itself is awaited, not timed.
    private const string RestartDelay = "00:00:20";

    [Fact]
    public async Task Janus_killed_mid_room_is_restarted_and_reported_as_restarted_while_clients_get_clear_errors_and_new_rooms_work()
    {
        await using var media = await MediaHost.StartAsync("45000-45499", $"--Media:Janus:Process:InitialRestartDelay={RestartDelay}", $"--Media:Janus:Process:MaxRestartDelay={RestartDelay}");
        var rid = Guid.NewGuid().ToString();
        await using var alice = await media.ConnectAsync("alice");
        Assert.Equal(200, (await alice.JoinAsync(rid, RoomChannel.M2m, create: true)).Code);
        Assert.Equal(200, (await alice.OfferAsync(rid, Sdp.Offer())).Code);
        await Eventually.UntilAsync(media.Munit.GetStatusAsync, s => s.Last?.Load?.Stations == 1, "alice's station in the report");
        var process = media.Janus.Process!;
        var events = new ProcessEvents(process);
        var pid = process.ProcessId!.Value;

        Signals.Send("KILL", pid);

        await events.NextAsync(SupervisedProcessEventKind.RestartScheduled);
        // Janus's Exited and RestartScheduled events each trigger a report: await the one made after both.
        var down = await Eventually.UntilAsync(media.Munit.GetStatusAsync, s => s.Last is { Janus: JanusHealth.Restarting, JanusRestarts: 1 }, "the munit reported as restarting, one restart");
        Assert.Null(down.Last!.Load);
        // While Janus is down: the room's media signals and a new room's OFFER answer 500 saying why.
        var renegotiate = await alice.OfferAsync(rid, Sdp.Offer());
        await using var carol = await media.ConnectAsync("carol");
        var newRid = Guid.NewGuid().ToString();
        Assert.Equal(200, (await carol.JoinAsync(newRid, RoomChannel.M2m, create: true)).Code);
        var early = await carol.OfferAsync(newRid, Sdp.Offer());
        Assert.Equal(1, process.Generation);
        Assert.Equal(SupervisedProcessState.Restarting, process.State);
        foreach (var failed in new[] { renegotiate, early })
        {
            Assert.Equal(500, failed.Code);
            Assert.Contains("media server", failed.ErrorMessage, StringComparison.Ordinal);
        }

        var up = await Eventually.UntilAsync(media.Munit.GetStatusAsync, s => s.Last is { Janus: JanusHealth.Healthy, JanusRestarts: 1, Load: not null }, "the munit reported healthy after one restart");
        Assert.NotEqual(pid, up.Last!.JanusProcessId);
        Assert.Equal(process.ProcessId, up.Last.JanusProcessId);
        // alice's station died with the old Janus.
        Assert.Equal(0, up.Last.Load!.Stations);

        // New rooms work again (the first request may still meet the old Janus session: it is refused, then a new one is made).
        var offered = await Eventually.UntilAsync(() => carol.OfferAsync(newRid, Sdp.Offer()), a => a.Code != 500, "an OFFER that reaches the new Janus");
        Assert.Equal(200, offered.Code);
        Assert.Contains("m=video", offered.Body.GetProperty("sdp").GetString(), StringComparison.Ordinal);
        Assert.Equal([carol.Session.SessionId], await media.StationsInJanusAsync());
        // The lost room recovers when its publisher offers again (as op.restarting clients do).
        Assert.Equal(200, (await alice.OfferAsync(rid, Sdp.Offer(), restarting: true)).Code);
        await Eventually.UntilAsync(media.Munit.GetStatusAsync, s => s.Last?.Load?.Stations == 2, "both stations in the report");
        using var health = await media.Host.Http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
