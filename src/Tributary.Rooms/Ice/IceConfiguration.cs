using Microsoft.Extensions.Options;

namespace Tributary.Rooms.Ice;

/// <summary>
/// What a JOIN ack puts in <c>es.icfg.is</c>: the configured static servers (<c>Rooms:IceServers</c>) and,
/// with a TURN shared secret configured, one TURN entry with credentials minted for the joining user.
/// </summary>
public sealed class IceConfiguration(IOptions<RoomsOptions> rooms, IOptions<TurnOptions> turn, TimeProvider time)
{
    private readonly List<IceServer> _static = rooms.Value.IceServers;
    private readonly TurnOptions _turn = turn.Value;

    /// <summary>The ICE servers for <paramref name="userId"/>; credentials expire <see cref="TurnOptions.CredentialLifetime"/> from now.</summary>
    public IReadOnlyList<IceServer> For(string userId)
    {
        if (!_turn.Enabled)
        {
            return _static;
        }

        var (username, credential) = TurnCredentials.Issue(_turn.SharedSecret!, userId, time.GetUtcNow() + _turn.CredentialLifetime);
        return [.. _static, new IceServer { Urls = _turn.Urls, Username = username, Credential = credential }];
    }
}
