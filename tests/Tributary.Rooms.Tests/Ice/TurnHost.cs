using Tributary.Rooms.Tests.Infrastructure;

namespace Tributary.Rooms.Tests.Ice;

/// <summary>A server with one static STUN server and minted TURN credentials configured.</summary>
public sealed class TurnHost : IAsyncLifetime
{
    /// <summary>coturn's <c>static-auth-secret</c> in these tests.</summary>
    public const string Secret = "test-secret-0123456789-abcdef";

    /// <summary>The static STUN URL.</summary>
    public const string Stun = "stun:stun.example.org:3478";

    /// <summary>The TURN URLs credentials are minted for.</summary>
    public static readonly string[] TurnUrls = ["turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349"];

    /// <summary>The configured credential lifetime.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(90);

    /// <summary>The server.</summary>
    public RoomsHost Rooms { get; } = new()
    {
        Args =
        [
            $"--Rooms:IceServers:0:Urls:0={Stun}",
            $"--Rooms:Turn:Urls:0={TurnUrls[0]}",
            $"--Rooms:Turn:Urls:1={TurnUrls[1]}",
            $"--Rooms:Turn:SharedSecret={Secret}",
            "--Rooms:Turn:CredentialLifetime=01:30:00",
        ],
    };

    /// <inheritdoc />
    public Task InitializeAsync() => Rooms.InitializeAsync();

    /// <inheritdoc />
    public Task DisposeAsync() => Rooms.DisposeAsync();
}
