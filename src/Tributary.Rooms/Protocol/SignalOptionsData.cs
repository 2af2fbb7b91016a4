using System.Text.Json.Serialization;

namespace Tributary.Rooms.Protocol;

/// <summary>The <c>op</c> object as sent.</summary>
internal sealed class SignalOptionsData
{
    [JsonPropertyName("roomCreating")]
    public bool? RoomCreating { get; set; }

    [JsonPropertyName("userFaking")]
    public bool? UserFaking { get; set; }

    [JsonPropertyName("restarting")]
    public bool? Restarting { get; set; }

    [JsonPropertyName("hlsForwarding")]
    public bool? HlsForwarding { get; set; }
}
