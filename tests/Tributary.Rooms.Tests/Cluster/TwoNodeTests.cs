using System.Security.Cryptography;
using Tributary.Client;
using Tributary.Rooms.Tests.Infrastructure;
using Tributary.Testing;
using Tributary.Testing.Servers;

namespace Tributary.Rooms.Tests.Cluster;

/// <summary>
/// Two <c>tributary</c> silos on Redis clustering (membership and room state in Redis), sharing one
/// PostgreSQL database and one signing key: members on different gateway nodes, and the loss of the
/// silo that hosts a room.
/// </summary>
public sealed class TwoNodeTests : IAsyncLifetime
{
    private RedisServer? _redis;
    private TributaryTestHost? _a;
    private TributaryTestHost? _b;

    private TributaryTestHost A => _a!;

    private TributaryTestHost B => _b!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        string[] args = ["--Cluster:Provider=redis", $"--Cluster:RedisConnectionString={_redis.ConnectionString}", $"--Auth:SigningKey={key}"];
        _a = await TributaryTestHost.StartAsync(TestDatabase.Postgres, args: args);
        _b = await TributaryTestHost.StartAsync(TestDatabase.Postgres, args: args, connectionString: _a.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task Members_on_different_nodes_exchange_signals()
    {
        var owner = await RoomsHost.CreateUserAsync(A);
        var viewer = await RoomsHost.CreateUserAsync(A);
        await using var onA = await RoomsHost.ConnectAsync(A, owner);
        await using var onB = await RoomsHost.ConnectAsync(B, viewer);
        var rid = RoomsHost.NewRoomId();
        Assert.Equal(200, (await onA.JoinAsync(rid, RoomChannel.M2m, create: true)).Code);

        var join = await onB.JoinAsync(rid, RoomChannel.M2m);
        await onB.PublishRequestAsync(rid);
        var request = await onA.WaitForAsync(m => m.Signal == "PUBLISH_REQUEST");
        await onA.PublishAcceptAsync(rid, new SignalTarget(viewer.Id));
        var accept = await onB.WaitForAsync(m => m.Signal == "PUBLISH_ACCEPT");
        var listOnB = await onB.WaitForAsync(m => m.Signal == "PUBLISH_LIST_CHANGED" && m.ListedSessions().Count == 2);
        await onB.UpdateAsync(rid, false, false);
        var listOnA = await onA.WaitForAsync(m => m.Signal == "PUBLISH_LIST_CHANGED" && m.Body.Arr("pps").Any(p => p.Str("sessionId") == onB.Session.SessionId && !p.GetProperty("video").GetBoolean()));

        Assert.Equal("viewer", join.Body.Str("pt"));
        Assert.Equal(viewer.Id, request.Body.GetProperty("ss").Str("userId"));
        Assert.Equal(owner.Id, accept.Body.GetProperty("ss").Str("userId"));
        Assert.Equal([onA.Session.SessionId, onB.Session.SessionId], listOnB.ListedSessions());
        Assert.Equal(viewer.Username, listOnA.Body.Arr("pps")[1].Str("username"));
        // Both nodes see the same room.
        var fromB = await B.GetRequiredService<IRoomDirectory>().GetAsync(rid);
        Assert.Equal(2, fromB!.MemberCount);
        Assert.Equal(owner.Id, fromB.OwnerUserId);
    }

    [Fact]
    public async Task P2p_signals_cross_nodes()
    {
        var caller = await RoomsHost.CreateUserAsync(A);
        var callee = await RoomsHost.CreateUserAsync(A);
        await using var onA = await RoomsHost.ConnectAsync(A, caller);
        await using var onB = await RoomsHost.ConnectAsync(B, callee);
        var rid = RoomsHost.NewRoomId();
        await onA.JoinAsync(rid, RoomChannel.P2p, create: true);
        await onB.JoinAsync(rid, RoomChannel.P2p);

        await onB.SendSdpAsync(rid, "OFFER", "offer-sdp");
        var offer = await onA.WaitForAsync(m => m.Signal == "OFFER");
        await onA.SendSdpAsync(rid, "ANSWER", "answer-sdp");
        var answer = await onB.WaitForAsync(m => m.Signal == "ANSWER");

        Assert.Equal("offer-sdp", offer.Body.Str("sdp"));
        Assert.Equal("answer-sdp", answer.Body.Str("sdp"));
    }

    [Fact]
    public async Task When_the_silo_hosting_a_room_stops_members_rejoin_on_the_other_node_and_the_room_is_intact()
    {
        var owner = await RoomsHost.CreateUserAsync(A);
        var second = await RoomsHost.CreateUserAsync(A);
        var viewer = await RoomsHost.CreateUserAsync(A);
        var failover = new SignalClientOptions { AutoHeartbeat = false, Reconnect = true, FallbackServers = [B.BaseUri], MaxReconnectDelay = TimeSpan.FromSeconds(1) };
        await using var ownerClient = await RoomsHost.ConnectAsync(A, owner, failover);
        await using var secondClient = await RoomsHost.ConnectAsync(A, second, failover);
        await using var viewerClient = await RoomsHost.ConnectAsync(B, viewer);
        var rid = RoomsHost.NewRoomId();
        // Created through A: the room grain is placed on A's silo (prefer-local placement).
        await ownerClient.JoinAsync(rid, RoomChannel.M2m, create: true);
        await secondClient.JoinAsync(rid, RoomChannel.M2m);
        await viewerClient.JoinAsync(rid, RoomChannel.M2m);
        await ownerClient.PublishAcceptAsync(rid, new SignalTarget(second.Id));
        var reconnected = new[] { ownerClient, secondClient }.Select(c =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            c.Reconnected += () => done.TrySetResult();
            return done.Task;
        }).ToArray();

        await A.DisposeAsync();
        _a = null;
        await Task.WhenAll(reconnected).WaitAsync(TimeSpan.FromSeconds(60));

        // Clients re-JOIN (the reconnect did; the apps' watchdog does it again) and heartbeat through B.
        var ownerJoin = await ownerClient.JoinAsync(rid, RoomChannel.M2m, create: true);
        var secondJoin = await secondClient.JoinAsync(rid, RoomChannel.M2m);
        var viewerState = await viewerClient.HeartbeatAsync(rid);

        Assert.Equal(B.BaseUri, ownerClient.Server);
        Assert.Equal(200, ownerJoin.Code);
        Assert.Equal("admin", ownerJoin.Body.Str("pt"));
        Assert.Equal("publisher", secondJoin.Body.Str("pt"));
        Assert.Equal(200, viewerState.Code);
        Assert.Equal([ownerClient.Session.SessionId, secondClient.Session.SessionId], viewerState.PublisherSessions());
        var snapshot = await B.GetRequiredService<IRoomDirectory>().GetAsync(rid);
        Assert.Equal(3, snapshot!.MemberCount);
        Assert.Equal(owner.Id, snapshot.OwnerUserId);
        Assert.Equal([owner.Id, second.Id], snapshot.PublisherUserIds);

        // And signals flow again between members who all sit on B now.
        await viewerClient.PublishRequestAsync(rid);
        var request = await ownerClient.WaitForAsync(m => m.Signal == "PUBLISH_REQUEST");
        Assert.Equal(viewer.Id, request.Body.GetProperty("ss").Str("userId"));
    }
}
