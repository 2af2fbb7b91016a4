using System.Text.Json.Serialization;

namespace Tributary.Rooms.Protocol;

/// <summary>The <c>ss</c> object as sent.</summary>
internal sealed class SessionData
{
    [JsonPropertyName("userId")]
    public string? UserId { get; set; }

    [JsonPropertyName("sessionId")]
    public string? SessionId { get; set; }

    [JsonPropertyName("category")]
    public string? Category { get; set; }

    [JsonPropertyName("host")]
    public string? Host { get; set; }

    [JsonPropertyName("deviceId")]
    public string? DeviceId { get; set; }
}
