using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tributary.Client;
using Tributary.Rooms.Tests.Infrastructure;
using Tributary.Testing;

namespace Tributary.Rooms.Tests.Ice;

public sealed class TurnCredentialTests(TurnHost turn) : IClassFixture<TurnHost>
{
    [Theory]
    [InlineData(RoomChannel.P2p)]
    [InlineData(RoomChannel.M2m)]
    public async Task Join_ack_carries_the_static_servers_and_turn_credentials_whose_hmac_verifies_with_the_shared_secret(RoomChannel channel)
    {
        var user = await turn.Rooms.CreateUserAsync();
        await using var client = await turn.Rooms.ConnectAsync(user);
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var ack = await client.JoinAsync(RoomsHost.NewRoomId(), channel, create: true);

        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.Equal(200, ack.Code);
        var servers = ack.Body.GetProperty("es").GetProperty("icfg").Arr("is");
        Assert.Equal(2, servers.Count);
        Assert.Equal(TurnHost.Stun, servers[0].GetString());
        var server = servers[1];
        Assert.Equal(TurnHost.TurnUrls, server.Arr("urls").Select(u => u.GetString()));
        var username = server.Str("username")!;
        var separator = username.IndexOf(':', StringComparison.Ordinal);
        Assert.Equal(user.Id, username[(separator + 1)..]);
        var expiry = long.Parse(username[..separator], NumberStyles.None, CultureInfo.InvariantCulture);
        var lifetime = (long)TurnHost.Lifetime.TotalSeconds;
        Assert.InRange(expiry, before + lifetime, after + lifetime + 1);
        Assert.Equal(Hmac(TurnHost.Secret, username), server.Str("credential"));
        Assert.NotEqual(Hmac(TurnHost.Secret + "x", username), server.Str("credential"));
        Assert.DoesNotContain(TurnHost.Secret, ack.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_user_gets_credentials_for_its_own_user_id()
    {
        var alice = await turn.Rooms.CreateUserAsync();
        var bob = await turn.Rooms.CreateUserAsync();
        await using var a = await turn.Rooms.ConnectAsync(alice);
        await using var b = await turn.Rooms.ConnectAsync(bob);
        var rid = RoomsHost.NewRoomId();

        var first = TurnOf(await a.JoinAsync(rid, RoomChannel.P2p, create: true));
        var second = TurnOf(await b.JoinAsync(rid, RoomChannel.P2p));

        Assert.EndsWith(":" + alice.Id, first.Str("username"), StringComparison.Ordinal);
        Assert.EndsWith(":" + bob.Id, second.Str("username"), StringComparison.Ordinal);
        Assert.Equal(Hmac(TurnHost.Secret, second.Str("username")!), second.Str("credential"));
        Assert.NotEqual(first.Str("credential"), second.Str("credential"));
    }

    [Theory]
    [InlineData("Rooms:Turn:SharedSecret is set but Rooms:Turn:Urls is empty", "--Rooms:Turn:SharedSecret=0123456789abcdefXYZ")]
    [InlineData("Rooms:Turn:Urls is set but Rooms:Turn:SharedSecret is not", "--Rooms:Turn:Urls:0=turn:127.0.0.1:3478")]
    [InlineData("Rooms:Turn:SharedSecret is shorter than 16 characters", "--Rooms:Turn:Urls:0=turn:127.0.0.1:3478", "--Rooms:Turn:SharedSecret=short")]
    [InlineData("Rooms:Turn:Urls 'http://127.0.0.1:3478' is not a turn: or turns: URL", "--Rooms:Turn:Urls:0=http://127.0.0.1:3478", "--Rooms:Turn:SharedSecret=0123456789abcdefXYZ")]
    [InlineData("Rooms:Turn:CredentialLifetime (00:00:00) must be between 1 minute and 7 days", "--Rooms:Turn:Urls:0=turn:127.0.0.1:3478", "--Rooms:Turn:SharedSecret=0123456789abcdefXYZ", "--Rooms:Turn:CredentialLifetime=00:00:00")]
    [InlineData("Rooms:IceServers:0: TURN URL 'turn:127.0.0.1:3478' needs Username and Credential", "--Rooms:IceServers:0:Urls:0=turn:127.0.0.1:3478")]
    [InlineData("Rooms:IceServers:0:Urls 'stun.example.org' is not a stun:, stuns:, turn: or turns: URL", "--Rooms:IceServers:0:Urls:0=stun.example.org")]
    public async Task Bad_ice_configuration_stops_the_server_from_starting_with_the_setting_named(string message, params string[] args)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TributaryTestHost.StartAsync(args: args));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static JsonElement TurnOf(SignalMessage ack)
    {
        Assert.Equal(200, ack.Code);
        return ack.Body.GetProperty("es").GetProperty("icfg").Arr("is").Single(s => s.ValueKind == JsonValueKind.Object);
    }

    /// <summary>coturn's check, written out independently of the server: base64(HMAC-SHA1(secret, username)).</summary>
    private static string Hmac(string secret, string username)
    {
        using var mac = new HMACSHA1(Encoding.UTF8.GetBytes(secret));
        return Convert.ToBase64String(mac.ComputeHash(Encoding.UTF8.GetBytes(username)));
    }
}
