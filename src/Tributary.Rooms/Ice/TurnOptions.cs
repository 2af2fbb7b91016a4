namespace Tributary.Rooms.Ice;

/// <summary>
/// Section <c>Rooms:Turn</c>: a coturn (or any TURN server) run with <c>use-auth-secret</c> and
/// <c>static-auth-secret</c>. With <see cref="SharedSecret"/> set, every JOIN ack carries time-limited
/// TURN REST credentials for <see cref="Urls"/> (username <c>expiry:userId</c>, password
/// base64(HMAC-SHA1(secret, username))), so no long-lived TURN password ever reaches a client.
/// </summary>
public sealed class TurnOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = RoomsOptions.Section + ":Turn";

    /// <summary>
    /// TURN URLs the credentials are for, e.g. <c>turn:turn.example.org:3478?transport=udp</c>,
    /// <c>turns:turn.example.org:5349</c>. Default none: no TURN.
    /// </summary>
    public List<string> Urls { get; set; } = [];

    /// <summary>
    /// coturn's <c>static-auth-secret</c>. Default unset (no TURN credentials). At least 16 characters:
    /// whoever knows it can mint credentials. Never logged, never sent to clients.
    /// </summary>
    public string? SharedSecret { get; set; }

    /// <summary>
    /// How long issued credentials stay valid. Default 24 hours (the TURN REST API draft's example): coturn
    /// checks the expiry on every allocation refresh, so it must outlast the longest call, while a leaked
    /// credential still dies within a day. Between 1 minute and 7 days.
    /// </summary>
    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Whether TURN credentials are issued.</summary>
    public bool Enabled => !string.IsNullOrEmpty(SharedSecret);
}
