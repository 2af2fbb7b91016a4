using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tributary.Rooms.Protocol;

/// <summary>Reads <c>to</c>: a string (every session of that user) or an object naming one session.</summary>
internal sealed class TargetDataConverter : JsonConverter<TargetData>
{
    public override TargetData? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return new TargetData(reader.GetString(), null);
            case JsonTokenType.StartObject:
                string? userId = null, sessionId = null;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    if (reader.TokenType != JsonTokenType.PropertyName)
                    {
                        throw new JsonException("to: unexpected token");
                    }

                    var name = reader.GetString();
                    reader.Read();
                    if (name == "userId" && reader.TokenType == JsonTokenType.String)
                    {
                        userId = reader.GetString();
                    }
                    else if (name == "sessionId" && reader.TokenType == JsonTokenType.String)
                    {
                        sessionId = reader.GetString();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                return new TargetData(userId, sessionId);
            default:
                throw new JsonException("to must be a userId string or {\"userId\",\"sessionId\"}");
        }
    }

    public override void Write(Utf8JsonWriter writer, TargetData value, JsonSerializerOptions options) =>
        throw new NotSupportedException("to is only read");
}
