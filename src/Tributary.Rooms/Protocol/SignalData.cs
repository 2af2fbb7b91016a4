using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tributary.Rooms.Protocol;

/// <summary>The <c>data</c> object of a client message (SIGNALING.md "Common signal fields"), before validation.</summary>
internal sealed class SignalData
{
    [JsonPropertyName("s")]
    public string? S { get; set; }

    [JsonPropertyName("ch")]
    public string? Ch { get; set; }

    [JsonPropertyName("ss")]
    public SessionData? Ss { get; set; }

    [JsonPropertyName("rid")]
    public string? Rid { get; set; }

    [JsonPropertyName("ve")]
    public bool? Ve { get; set; }

    [JsonPropertyName("ae")]
    public bool? Ae { get; set; }

    [JsonPropertyName("eg")]
    public string? Eg { get; set; }

    [JsonPropertyName("op")]
    public SignalOptionsData? Op { get; set; }

    /// <summary>Heartbeat id: echoed back as sent (number or string).</summary>
    [JsonPropertyName("bid")]
    public JsonElement? Bid { get; set; }

    [JsonPropertyName("send_ack")]
    public bool? SendAck { get; set; }

    [JsonPropertyName("to")]
    [JsonConverter(typeof(TargetDataConverter))]
    public TargetData? To { get; set; }

    /// <summary>An SDP, or for ICE the candidate (a string, or tolerated: the RTCIceCandidateInit object itself).</summary>
    [JsonPropertyName("sdp")]
    [JsonConverter(typeof(StringOrRawConverter))]
    public string? Sdp { get; set; }

    [JsonPropertyName("msg")]
    public string? Msg { get; set; }

    [JsonPropertyName("sl")]
    public string? Sl { get; set; }
}
