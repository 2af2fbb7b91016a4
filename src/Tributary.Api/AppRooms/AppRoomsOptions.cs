using System.ComponentModel.DataAnnotations;

namespace Tributary.Api.AppRooms;

/// <summary>Section <c>AppRooms</c>: rooms created through the API.</summary>
public sealed class AppRoomsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "AppRooms";

    /// <summary>
    /// Most FOLLOWED_USER_LIVE notifications one createRoom writes (to the newest followers). Default
    /// 1000: written in one transaction inside the mutation, so the cap bounds its latency (about a
    /// millisecond per hundred rows on PostgreSQL); larger audiences learn from the liveRooms feed.
    /// </summary>
    [Range(0, 100_000)]
    public int LiveNotificationFanOut { get; set; } = 1000;
}
