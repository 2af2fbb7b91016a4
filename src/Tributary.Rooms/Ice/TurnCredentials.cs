using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tributary.Rooms.Ice;

/// <summary>
/// TURN REST API credentials (draft-uberti-behave-turn-rest, as coturn's <c>use-auth-secret</c> checks them):
/// username <c>expiry:userId</c> with expiry in Unix seconds, password base64(HMAC-SHA1(secret, username)).
/// </summary>
public static class TurnCredentials
{
    /// <summary>The username and password for <paramref name="userId"/>, valid until <paramref name="expires"/>.</summary>
    public static (string Username, string Credential) Issue(string sharedSecret, string userId, DateTimeOffset expires)
    {
        ArgumentException.ThrowIfNullOrEmpty(sharedSecret);
        ArgumentNullException.ThrowIfNull(userId);
        var username = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + ":" + userId;
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(sharedSecret), Encoding.UTF8.GetBytes(username));
        return (username, Convert.ToBase64String(mac));
    }
}
