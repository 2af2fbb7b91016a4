using System.ComponentModel.DataAnnotations;

namespace Tributary.Api.Subscriptions;

/// <summary>Section <c>Subscriptions</c>: limits of the GraphQL WebSocket transport.</summary>
public sealed class SubscriptionsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Subscriptions";

    /// <summary>
    /// How long a new socket may wait before <c>connection_init</c>; then it is closed with 4408.
    /// Default 10 seconds: a mobile client on a slow network sends it within one or two round trips,
    /// and an idle socket that never authenticates should not hold a connection slot for long.
    /// </summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Largest accepted client message in bytes; larger closes the socket with 1009. Default 65536,
    /// the same bound as an HTTP GraphQL request (<see cref="ApiOptions.MaxRequestBytes"/>).
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Messages queued for sending per socket; a client that lets it fill is closed with 1008 rather
    /// than buffered without bound. Default 256: a burst of a few hundred events (a busy chat) fits,
    /// and at about 1 KB per message a socket holds at most a quarter megabyte.
    /// </summary>
    [Range(1, 100_000)]
    public int SendQueueLength { get; set; } = 256;

    /// <summary>
    /// How long closing a socket may wait: for the message being sent to go out before the close frame
    /// (a slow consumer that does not read in this time is aborted instead of told 1008), and for the
    /// client to answer the close. Default 2 seconds: a reading client on a mobile network drains a
    /// message well within it, and a socket that is closing holds no subscription meanwhile.
    /// </summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Most concurrent operations per socket; more are answered with an error message. Default 100:
    /// an app needs a handful (notifications, calls, one room's messages and events).
    /// </summary>
    [Range(1, 10_000)]
    public int MaxOperationsPerConnection { get; set; } = 100;
}
