using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tributary.Auth;
using Tributary.Client;
using Tributary.Data;
using Tributary.Media.Janus;
using Tributary.Media.Munits;
using Tributary.Rooms.Presence;
using Tributary.Testing;

namespace Tributary.Media.Tests.Signaling;

/// <summary>
/// The real server (roles all) with a real Janus as its media engine and a fake room clock (presence moves only
/// when a test advances it), plus what tests need to drive it through /signal and to look inside Janus.
/// </summary>
public sealed class MediaHost : IAsyncDisposable
{
    private MediaHost(TributaryTestHost host, FakeTimeProvider clock, string munitId)
    {
        Host = host;
        Clock = clock;
        MunitId = munitId;
    }

    /// <summary>The server.</summary>
    public TributaryTestHost Host { get; }

    /// <summary>The room clock.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>The munit's id.</summary>
    public string MunitId { get; }

    /// <summary>The munit's Janus.</summary>
    public JanusUnit Janus => Host.GetRequiredService<JanusUnit>();

    /// <summary>The munit's grain.</summary>
    public IMunitGrain Munit => Host.GetRequiredService<IGrainFactory>().GetGrain<IMunitGrain>(MunitId);

    /// <summary>Starts a media host; <paramref name="args"/> are added (and win).</summary>
    public static async Task<MediaHost> StartAsync(string rtpPorts, params string[] args)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var munitId = "munit-" + Guid.NewGuid().ToString("N")[..8];
        var host = await TributaryTestHost.StartAsync(
            args: [.. Munits.MunitReportTests.JanusHostArgs(munitId, rtpPorts), .. args],
            configure: b => b.Services.AddSingleton(new RoomClock(clock)));
        return new MediaHost(host, clock, munitId);
    }

    /// <summary>A user with a token, connected to /signal (no automatic heartbeats, generous ack timeout for a loaded machine).</summary>
    public async Task<SignalClient> ConnectAsync(string name)
    {
        var id = await TestUsers.InsertAsync(Host.GetRequiredService<Database>(), $"{name}-{Guid.NewGuid():N}"[..20]);
        var token = Host.GetRequiredService<AccessTokens>().Issue(id).Token;
        return await SignalClient.ConnectAsync(
            Host.BaseUri,
            token,
            new SignalSession(id, Guid.NewGuid().ToString(), Host: "Web", DeviceId: "device-" + name),
            new SignalClientOptions { AutoHeartbeat = false, Reconnect = false, AckTimeout = TimeSpan.FromSeconds(90) });
    }

    /// <summary>The stations Janus really holds (<see cref="JanusInspection.StationsAsync"/>).</summary>
    public Task<List<string>> StationsInJanusAsync() => JanusInspection.StationsAsync(Janus);

    /// <summary>Each station's Janus handle, by our session id.</summary>
    public Task<Dictionary<string, long>> StationHandlesInJanusAsync() => JanusInspection.StationHandlesAsync(Janus);

    /// <summary>Every (session, handle) Janus holds.</summary>
    public Task<List<(long Session, long Handle)>> HandlesInJanusAsync() => JanusInspection.HandlesAsync(Janus);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
