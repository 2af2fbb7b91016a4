using System.Text;
using System.Text.Json;
using Tributary.Rooms.Grains;

namespace Tributary.Rooms.Protocol;

/// <summary>
/// Reads <c>{"action","data"}</c> with <see cref="Utf8JsonReader"/> (the data object is kept as the exact
/// bytes sent, for forwarding), reads <c>data</c> with source-generated JSON, and validates it against
/// SIGNALING.md. Never throws for client input.
/// </summary>
internal static class SignalParser
{
    private const int MaxEchoedChars = 1024;

    public static ParsedMessage Parse(ReadOnlySpan<byte> utf8, string tokenUserId, bool allowUserFaking, int maxIdLength)
    {
        string? action = null;
        var dataStart = -1;
        var dataLength = 0;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Invalid(SignalNames.Unknown, utf8, "message must be a JSON object {\"action\",\"data\"}");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("action"u8))
                {
                    reader.Read();
                    action = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("data"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        return Invalid(SignalNames.Unknown, utf8, "data must be an object");
                    }

                    dataStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    dataLength = (int)reader.BytesConsumed - dataStart;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            // The rest must be well-formed too (trailing garbage is malformed).
            while (reader.Read())
            {
            }
        }
        catch (JsonException)
        {
            return Invalid(SignalNames.Unknown, utf8, "message is not valid JSON");
        }

        if (dataStart < 0)
        {
            return Invalid(action is not null && SignalNames.TryGetKind(action, out var k) ? SignalNames.SignalOf(k) : SignalNames.Unknown, utf8, "data is missing");
        }

        var dataBytes = utf8.Slice(dataStart, dataLength);
        var raw = Encoding.UTF8.GetString(dataBytes);
        if (action is null)
        {
            return ParsedMessage.Invalid(SignalCodes.InvalidSignal, SignalNames.Unknown, raw, "action is missing");
        }

        if (!SignalNames.TryGetKind(action, out var kind))
        {
            return ParsedMessage.Invalid(SignalCodes.InvalidSignal, SignalNames.Unknown, raw, $"unknown action '{Truncate(action, 64)}'");
        }

        var name = SignalNames.SignalOf(kind);
        SignalData? data;
        try
        {
            data = JsonSerializer.Deserialize(dataBytes, SignalJsonContext.Default.SignalData);
        }
        catch (JsonException e)
        {
            return ParsedMessage.Invalid(SignalCodes.InvalidSignal, name, raw, $"malformed field{(e.Path is { } p ? " " + p : string.Empty)}");
        }

        return data is null
            ? ParsedMessage.Invalid(SignalCodes.InvalidSignal, name, raw, "data is missing")
            : Validate(kind, name, data, raw, tokenUserId, allowUserFaking, maxIdLength);
    }

    private static ParsedMessage Validate(SignalKind kind, string name, SignalData data, string raw, string tokenUserId, bool allowUserFaking, int maxIdLength)
    {
        ParsedMessage Fail(int code, string message) => ParsedMessage.Invalid(code, name, raw, message);
        bool BadId(string? id) => string.IsNullOrEmpty(id) || id.Length > maxIdLength;

        if (data.S != name)
        {
            return Fail(SignalCodes.InvalidSignal, $"s must be '{name}' for action '{SignalNames.ActionOf(kind)}'");
        }

        if (data.Ch is null)
        {
            return Fail(SignalCodes.InvalidSignal, "ch is missing");
        }

        if (!SignalNames.TryParseChannel(data.Ch, out var channel))
        {
            return Fail(SignalCodes.InvalidSignal, "ch must be one of m2m, a2m, p2m, p2p");
        }

        if (data.Ss is null || BadId(data.Ss.UserId) || BadId(data.Ss.SessionId))
        {
            return Fail(SignalCodes.InvalidSignal, "ss.userId and ss.sessionId are required");
        }

        if (BadId(data.Rid))
        {
            return Fail(SignalCodes.InvalidSignal, "rid is required");
        }

        if (!SignalNames.IsAllowed(kind, channel))
        {
            return Fail(SignalCodes.UnsupportedChannel, $"{name} is not supported in {data.Ch} rooms");
        }

        var faking = data.Op?.UserFaking == true;
        if (data.Ss.UserId != tokenUserId && !(faking && allowUserFaking))
        {
            return Fail(SignalCodes.PermissionNotFound, faking ? "op.userFaking is allowed in Development only" : "ss.userId is not the token's user");
        }

        SignalTarget? target = null;
        if (data.To is not null)
        {
            if (BadId(data.To.UserId) || (data.To.SessionId is not null && BadId(data.To.SessionId)))
            {
                return Fail(SignalCodes.InvalidSignal, "to must be a userId or {\"userId\",\"sessionId\"}");
            }

            target = new SignalTarget(data.To.UserId!, data.To.SessionId);
        }

        var media = channel is RoomKind.M2m or RoomKind.A2m;
        var missing = kind switch
        {
            SignalKind.Update when data.Ve is null || data.Ae is null => "ve and ae are required",
            SignalKind.Kick or SignalKind.PublishAccept or SignalKind.PublishReject when target is null => "to is required",
            SignalKind.Offer or SignalKind.Answer or SignalKind.Ice when string.IsNullOrEmpty(data.Sdp) => "sdp is required",
            SignalKind.Answer when media && target?.SessionId is null => "to {userId, sessionId} of the watched publisher is required",
            SignalKind.Watch or SignalKind.SimulcastUpdate when target?.SessionId is null => "to {userId, sessionId} of the publisher is required",
            SignalKind.SimulcastUpdate when data.Sl is not ("h" or "m" or "l" or "auto") => "sl must be h, m, l or auto",
            _ => null,
        };
        if (missing is not null)
        {
            return Fail(SignalCodes.InvalidSignal, missing);
        }

        return ParsedMessage.Valid(new RoomSignal(
            kind,
            channel,
            data.Rid!,
            new SessionInfo(data.Ss.UserId!, data.Ss.SessionId!, data.Ss.Category, data.Ss.Host, data.Ss.DeviceId),
            raw)
        {
            Video = data.Ve ?? false,
            Audio = data.Ae ?? false,
            Creating = data.Op?.RoomCreating == true,
            Restarting = data.Op?.Restarting == true,
            HlsForwarding = data.Op?.HlsForwarding == true,
            Target = target,
            Sdp = data.Sdp,
            Layer = data.Sl,
            HeartbeatId = data.Bid is { ValueKind: not JsonValueKind.Undefined } bid ? bid.GetRawText() : null,
            SendAck = data.SendAck == true,
        });
    }

    private static ParsedMessage Invalid(string signal, ReadOnlySpan<byte> utf8, string message)
    {
        // Not JSON (or no usable data object): echo the text back as a JSON string, shortened.
        var text = Encoding.UTF8.GetString(utf8.Length > MaxEchoedChars * 4 ? utf8[..(MaxEchoedChars * 4)] : utf8);
        return ParsedMessage.Invalid(SignalCodes.InvalidSignal, signal, JsonSerializer.Serialize(Truncate(text, MaxEchoedChars), SignalJsonContext.Default.String), message);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
