using System.Text.Json;

namespace Tributary.Client;

/// <summary>
/// A message from the server: an ack <c>{"c","s","b"}</c> (<see cref="IsAck"/>; also PUBLISH_LIST_CHANGED
/// and KEEPALIVE) or a forwarded signal (another member's <c>data</c> object as it sent it).
/// </summary>
public sealed class SignalMessage
{
    private SignalMessage(string json, JsonElement root)
    {
        Json = json;
        Root = root;
        IsAck = root.TryGetProperty("c", out var c) && c.ValueKind == JsonValueKind.Number;
        Code = IsAck ? c.GetInt32() : null;
        Signal = root.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : string.Empty;
        Body = IsAck && root.TryGetProperty("b", out var b) ? b : root;
    }

    /// <summary>The message text as received.</summary>
    public string Json { get; }

    /// <summary>The whole message.</summary>
    public JsonElement Root { get; }

    /// <summary>True for <c>{"c","s","b"}</c> messages, false for forwarded signals.</summary>
    public bool IsAck { get; }

    /// <summary>The ack code; null for forwarded signals.</summary>
    public int? Code { get; }

    /// <summary>The signal name (<c>s</c>).</summary>
    public string Signal { get; }

    /// <summary><c>b</c> of an ack; the whole signal for forwarded signals.</summary>
    public JsonElement Body { get; }

    /// <summary>True for a 200 ack.</summary>
    public bool IsSuccess => Code == 200;

    /// <summary><c>b.msg</c> of a failure ack.</summary>
    public string? ErrorMessage => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;

    /// <summary>The room the message is about: <c>b.rid</c>, <c>b.req.rid</c> or (forwarded) <c>rid</c>.</summary>
    public string? RoomId
    {
        get
        {
            if (Body.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (Body.TryGetProperty("rid", out var rid) && rid.ValueKind == JsonValueKind.String)
            {
                return rid.GetString();
            }

            return Body.TryGetProperty("req", out var req) && req.ValueKind == JsonValueKind.Object
                && req.TryGetProperty("rid", out var reqRid) && reqRid.ValueKind == JsonValueKind.String
                ? reqRid.GetString()
                : null;
        }
    }

    /// <summary>Parses a message; null when it is not a JSON object.</summary>
    public static SignalMessage? TryParse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? new SignalMessage(json, document.RootElement.Clone()) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Json;
}
