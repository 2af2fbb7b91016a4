using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Tributary.Rooms.Protocol;

/// <summary>Writes server messages with <see cref="Utf8JsonWriter"/> (no reflection, no intermediate objects).</summary>
public static class JsonText
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    /// <summary>The JSON text written by <paramref name="write"/>.</summary>
    public static string Write(Action<Utf8JsonWriter> write) => Encoding.UTF8.GetString(WriteUtf8(write));

    /// <summary>The UTF-8 JSON written by <paramref name="write"/>.</summary>
    public static byte[] WriteUtf8(Action<Utf8JsonWriter> write)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>An ack <c>{"c","s","b"}</c>; <paramref name="body"/> is JSON text (null: <c>{}</c>).</summary>
    public static byte[] Ack(int code, string signal, string? body) => WriteUtf8(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("c", code);
        w.WriteString("s", signal);
        w.WritePropertyName("b");
        w.WriteRawValue(body ?? "{}", skipInputValidation: true);
        w.WriteEndObject();
    });

    /// <summary>A failure ack: <c>b: {req: the signal, msg}</c>; <paramref name="request"/> is JSON text.</summary>
    public static byte[] Error(int code, string signal, string request, string message) => WriteUtf8(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("c", code);
        w.WriteString("s", signal);
        w.WriteStartObject("b");
        w.WritePropertyName("req");
        w.WriteRawValue(request, skipInputValidation: true);
        w.WriteString("msg", message);
        w.WriteEndObject();
        w.WriteEndObject();
    });
}
