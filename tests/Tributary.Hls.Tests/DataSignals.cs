using System.Globalization;
using System.Text.Json.Nodes;

namespace Tributary.Hls.Tests;

/// <summary>Builds data signal bodies as the phone apps send them (HLS-DATA-SIGNALS.md).</summary>
public static class DataSignals
{
    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public static JsonObject Envelope(string action, string roomId, JsonObject payload, long? timestamp = null, string? id = null)
    {
        payload["playlist"] = new JsonObject { ["id"] = roomId, ["version"] = 9 };
        return new JsonObject
        {
            ["action"] = action,
            ["version"] = 1,
            ["id"] = id ?? Guid.NewGuid().ToString(),
            ["timestamp"] = (timestamp ?? Now).ToString(CultureInfo.InvariantCulture),
            ["numbytes"] = 0,
            ["payload"] = payload,
        };
    }

    public static JsonObject Variant(string roomId, string variantId = "v0", byte[]? init = null, double targetDuration = 1, double partTarget = 0.25, string mapId = "init.mp4", string? audio = null, long? timestamp = null) =>
        Envelope("updateVariant", roomId, new JsonObject
        {
            ["variant"] = new JsonObject
            {
                ["id"] = variantId,
                ["codecs"] = "avc1.64000d,mp4a.40.2",
                ["bandwidth"] = 800000,
                ["audio"] = audio,
                ["version"] = 9,
                ["targetDuration"] = targetDuration,
                ["targetPartDuration"] = partTarget,
            },
            ["segment"] = new JsonObject { ["map"] = new JsonObject { ["id"] = mapId, ["data"] = Convert.ToBase64String(init ?? Bytes("init")) } },
        }, timestamp);

    public static JsonObject Rendition(string roomId, string renditionId = "a0", string groupId = "aud") =>
        Envelope("updateRendition", roomId, new JsonObject
        {
            ["rendition"] = new JsonObject
            {
                ["id"] = renditionId,
                ["type"] = "AUDIO",
                ["groupId"] = groupId,
                ["name"] = "English",
                ["language"] = "en",
                ["isDefault"] = true,
                ["autoSelect"] = true,
                ["targetDuration"] = 1,
                ["targetPartDuration"] = 0.25,
            },
            ["segment"] = new JsonObject { ["map"] = new JsonObject { ["id"] = "ainit.mp4", ["data"] = Convert.ToBase64String(Bytes("ainit")) } },
        });

    public static JsonObject Part(string roomId, long segment, int part, byte[]? data = null, double duration = 0.25, bool independent = false, string variantId = "v0", long? programDateTime = null, string? partId = null, string? id = null) =>
        Envelope("updatePart", roomId, new JsonObject
        {
            ["variant"] = new JsonObject { ["id"] = variantId },
            ["segment"] = new JsonObject { ["sequence"] = segment, ["programDateTime"] = programDateTime },
            ["part"] = new JsonObject
            {
                ["id"] = partId ?? $"seg{segment}.{part}.m4s",
                ["sequence"] = part,
                ["duration"] = duration,
                ["independent"] = independent,
                ["data"] = Convert.ToBase64String(data ?? Bytes($"part {segment}.{part}")),
            },
        }, id: id);

    public static JsonObject Segment(string roomId, long segment, double duration = 1, byte[]? data = null, string variantId = "v0", string? segmentId = null) =>
        Envelope("updateSegment", roomId, new JsonObject
        {
            ["variant"] = new JsonObject { ["id"] = variantId },
            ["segment"] = new JsonObject
            {
                ["id"] = segmentId ?? $"seg{segment}.m4s",
                ["sequence"] = segment,
                ["duration"] = duration,
                ["data"] = data is null ? null : Convert.ToBase64String(data),
            },
        });

    public static byte[] Bytes(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    /// <summary>Uploads the variant and <paramref name="segments"/> complete segments of 4 parts each.</summary>
    public static async Task UploadSegmentsAsync(HlsHost host, string userId, string roomId, int segments, int firstSegment = 0, bool withVariant = true)
    {
        if (withVariant)
        {
            await host.UploadOkAsync(userId, Variant(roomId));
        }

        for (var s = firstSegment; s < firstSegment + segments; s++)
        {
            for (var p = 0; p < 4; p++)
            {
                await host.UploadOkAsync(userId, Part(roomId, s, p, independent: p == 0));
            }

            await host.UploadOkAsync(userId, Segment(roomId, s));
        }
    }
}
