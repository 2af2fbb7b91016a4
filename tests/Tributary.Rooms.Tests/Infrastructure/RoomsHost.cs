using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tributary.Auth;
using Tributary.Client;
using Tributary.Data;
using Tributary.Rooms.Presence;
using Tributary.Testing;

namespace Tributary.Rooms.Tests.Infrastructure;

/// <summary>
/// The real server with a fake room clock (presence and call timeouts move only when a test advances it;
/// Orleans and the gateway keep real time), plus helpers to make users and connect clients.
/// </summary>
public sealed class RoomsHost : IAsyncLifetime
{
    private TributaryTestHost? _host;

    /// <summary>The room clock.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The server.</summary>
    public TributaryTestHost Host => _host ?? throw new InvalidOperationException("not started");

    /// <summary>Extra configuration.</summary>
    public IEnumerable<string> Args { get; init; } = [];

    /// <inheritdoc />
    public async Task InitializeAsync() =>
        _host = await TributaryTestHost.StartAsync(args: Args, configure: b => b.Services.AddSingleton(new RoomClock(Clock)));

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>Inserts a user row (so profiles resolve) and issues a token.</summary>
    public Task<TestUser> CreateUserAsync(string? username = null) => CreateUserAsync(Host, username);

    /// <summary>Inserts a user row into <paramref name="host"/>'s database and issues a token there.</summary>
    public static async Task<TestUser> CreateUserAsync(TributaryTestHost host, string? username = null)
    {
        var id = Guid.NewGuid().ToString();
        username ??= "u" + id[..8];
        var fullname = "Full " + username;
        var avatar = $"https://cdn.example.org/{username}.png";
        var database = host.GetRequiredService<Database>();
        await using (var connection = await database.OpenAsync())
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await connection.ExecuteAsync(
                "INSERT INTO users (id, email, email_normalized, username, username_normalized, fullname, avatar_url, created_at, updated_at) " +
                "VALUES (@id, @email, @email, @username, @username, @fullname, @avatar, @now, @now)",
                new { id, email = username + "@example.org", username, fullname, avatar, now });
        }

        return new TestUser(id, username, fullname, avatar, host.GetRequiredService<AccessTokens>().Issue(id).Token);
    }

    /// <summary>A connected client for <paramref name="user"/> with a new session id; no automatic heartbeats or reconnects unless asked.</summary>
    public Task<SignalClient> ConnectAsync(TestUser user, SignalClientOptions? options = null, string? sessionId = null) =>
        ConnectAsync(Host, user, options, sessionId);

    /// <summary>A connected client of <paramref name="host"/>.</summary>
    public static Task<SignalClient> ConnectAsync(TributaryTestHost host, TestUser user, SignalClientOptions? options = null, string? sessionId = null) =>
        SignalClient.ConnectAsync(
            host.BaseUri,
            user.Token,
            new SignalSession(user.Id, sessionId ?? Guid.NewGuid().ToString(), Host: "Web", DeviceId: "device-" + user.Username),
            options ?? new SignalClientOptions { AutoHeartbeat = false, Reconnect = false });

    /// <summary>A fresh room id.</summary>
    public static string NewRoomId() => Guid.NewGuid().ToString();
}
