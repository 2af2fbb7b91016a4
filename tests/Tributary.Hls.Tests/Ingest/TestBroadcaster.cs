using System.Globalization;
using System.Text.Json.Nodes;
using Tributary.Hls.Ingest;
using Tributary.Testing.Servers;

namespace Tributary.Hls.Tests.Ingest;

/// <summary>
/// A phone in .NET: ffmpeg makes real fragmented MP4 from a test pattern and a tone, the cutter splits
/// it into init section and parts, and parts are grouped into one segment per GOP and uploaded as data
/// signals, exactly as the apps do.
/// </summary>
public sealed class TestBroadcaster
{
    private TestBroadcaster(Fmp4Piece init, IReadOnlyList<IReadOnlyList<Fmp4Piece>> segments)
    {
        Init = init;
        Segments = segments;
    }

    // The wall clock time of the first frame: every segment's EXT-X-PROGRAM-DATE-TIME counts from it.
    private readonly long _origin = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public Fmp4Piece Init { get; }

    public IReadOnlyList<IReadOnlyList<Fmp4Piece>> Segments { get; }

    public int Frames { get; private init; }

    /// <summary>Encodes <paramref name="seconds"/> of 320x240 at 30 fps (a keyframe every second) with AAC, in 0.25 s parts.</summary>
    public static async Task<TestBroadcaster> CreateAsync(int seconds)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"tributary-hls-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, "broadcast.mp4");
            ExternalProcess.Run(ExternalProcess.Require("/usr/bin/ffmpeg", "ffmpeg"),
                "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", seconds.ToString(CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
                "-g", "30", "-keyint_min", "30", "-sc_threshold", "0", "-c:a", "aac", "-b:a", "64k",
                "-f", "mp4", "-movflags", "empty_moov+default_base_moof+frag_keyframe", "-frag_duration", "250000", file);
            var pieces = new List<Fmp4Piece>();
            await using (var stream = File.OpenRead(file))
            {
                await foreach (var piece in new Fmp4Cutter().ReadAsync(stream))
                {
                    pieces.Add(piece);
                }
            }

            var segments = new List<List<Fmp4Piece>>();
            foreach (var part in pieces.Skip(1))
            {
                if (part.Independent || segments.Count == 0)
                {
                    segments.Add([]);
                }

                segments[^1].Add(part);
            }

            return new TestBroadcaster(pieces[0], segments) { Frames = seconds * 30 };
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    public JsonObject VariantSignal(string roomId) =>
        new()
        {
            ["action"] = "updateVariant",
            ["version"] = 1,
            ["id"] = Guid.NewGuid().ToString(),
            ["timestamp"] = DataSignals.Now.ToString(CultureInfo.InvariantCulture),
            ["numbytes"] = Init.Data.Length,
            ["payload"] = new JsonObject
            {
                ["playlist"] = new JsonObject { ["id"] = roomId, ["version"] = 9 },
                ["variant"] = new JsonObject
                {
                    ["id"] = "720p",
                    ["codecs"] = Init.Codecs,
                    ["bandwidth"] = 600_000,
                    ["version"] = 9,
                    ["targetDuration"] = 1,
                    ["targetPartDuration"] = 0.25,
                },
                ["segment"] = new JsonObject { ["map"] = new JsonObject { ["id"] = "init.mp4", ["data"] = Convert.ToBase64String(Init.Data) } },
            },
        };

    /// <summary>Uploads the variant and then every part and segment; <paramref name="pace"/> runs before each part (e.g. real time).</summary>
    public async Task UploadAsync(HlsHost host, string userId, string roomId, Func<int, Task>? pace = null, int fromSegment = 0, int? toSegment = null)
    {
        if (fromSegment == 0)
        {
            await host.UploadOkAsync(userId, VariantSignal(roomId));
        }

        var start = _origin;
        var partIndex = 0;
        for (var s = fromSegment; s < (toSegment ?? Segments.Count); s++)
        {
            var parts = Segments[s];
            for (var p = 0; p < parts.Count; p++)
            {
                if (pace is not null)
                {
                    await pace(partIndex);
                }

                partIndex++;
                var signal = DataSignals.Part(roomId, s, p, data: parts[p].Data, duration: Math.Round(parts[p].Duration, 5), independent: parts[p].Independent,
                    variantId: "720p", programDateTime: p == 0 ? start + (long)(s * 1000) : null, partId: $"seg{s}.{p}.m4s");
                await host.UploadOkAsync(userId, signal);
            }

            await host.UploadOkAsync(userId, DataSignals.Segment(roomId, s, duration: Math.Round(parts.Sum(x => x.Duration), 5), variantId: "720p"));
        }
    }
}
