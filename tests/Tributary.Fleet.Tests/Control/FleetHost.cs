using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tributary.Api.ApiKeys;
using Tributary.Auth;
using Tributary.Client;
using Tributary.Data;
using Tributary.Fleet.Control;
using Tributary.Fleet.Registry;
using Tributary.Testing;

namespace Tributary.Fleet.Tests.Control;

/// <summary>
/// The real server (all roles, no Janus) with a fake fleet clock: munits die only when a test advances it, and the
/// control loop's background sweep runs once at start (a one-day interval), so tests step it with
/// <see cref="FleetController.StepAsync"/>.
/// </summary>
public sealed class FleetHost : IAsyncDisposable
{
    private readonly List<FakeMunit> _munits = [];

    private FleetHost(TributaryTestHost host, FakeTimeProvider clock)
    {
        Host = host;
        Clock = clock;
    }

    /// <summary>The server.</summary>
    public TributaryTestHost Host { get; }

    /// <summary>The fleet clock (liveness, autoscaler).</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>The cluster's grains.</summary>
    public IGrainFactory Grains => Host.GetRequiredService<IGrainFactory>();

    /// <summary>The registry's control side.</summary>
    public IFleetGrain Fleet => Grains.GetGrain<IFleetGrain>(0);

    /// <summary>The control loop.</summary>
    public FleetController Controller => Host.GetRequiredService<FleetController>();

    /// <summary>Starts a host; <paramref name="services"/> may replace services (e.g. the munit provider).</summary>
    public static async Task<FleetHost> StartAsync(IEnumerable<string>? args = null, Action<IServiceCollection>? services = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var host = await TributaryTestHost.StartAsync(
            args: ["--Fleet:SweepInterval=1.00:00:00", .. args ?? []],
            configure: b =>
            {
                b.Services.AddSingleton(new FleetClock(clock));
                services?.Invoke(b.Services);
            });
        return new FleetHost(host, clock);
    }

    /// <summary>A fake munit reporting now. The host holds it: Orleans keeps observers only weakly.</summary>
    public async Task<FakeMunit> AddMunitAsync(string id, int downlinks = 0)
    {
        var munit = await FakeMunit.StartAsync(Grains, id, Clock.GetUtcNow(), downlinks);
        lock (_munits)
        {
            _munits.Add(munit);
        }

        return munit;
    }

    /// <summary>An API key with <paramref name="scopes"/>, owned by a new user.</summary>
    public async Task<string> CreateApiKeyAsync(params string[] scopes)
    {
        var owner = await TestUsers.InsertAsync(Host.GetRequiredService<Database>(), "owner" + Guid.NewGuid().ToString("N")[..8]);
        return (await Host.GetRequiredService<ApiKeyStore>().CreateAsync("fleet-test", scopes, owner, CancellationToken.None)).Key;
    }

    /// <summary>A connected signaling client of a new user (no heartbeats, no reconnects).</summary>
    public async Task<SignalClient> ConnectAsync(string name)
    {
        var userId = await TestUsers.InsertAsync(Host.GetRequiredService<Database>(), name + Guid.NewGuid().ToString("N")[..8]);
        return await SignalClient.ConnectAsync(
            Host.BaseUri,
            Host.GetRequiredService<AccessTokens>().Issue(userId).Token,
            new SignalSession(userId, Guid.NewGuid().ToString(), Host: "Web"),
            new SignalClientOptions { AutoHeartbeat = false, Reconnect = false });
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
