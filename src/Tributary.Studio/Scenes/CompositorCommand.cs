using System.Globalization;
using Tributary.Studio.Studios;

namespace Tributary.Studio.Scenes;

/// <summary>
/// The ffmpeg arguments of one compositor run: the live sources scaled into their slots over the layout's
/// empty slots, banner and logo, audio mixed, encoded once (H.264 + AAC) as MPEG-TS to the program bus.
/// A source that stops sending ends its input after a second (<c>udp timeout</c>) and its slot falls back to
/// the empty slot (<c>eof_action=pass</c>, no repeated last frame).
/// </summary>
public static class CompositorCommand
{
    /// <summary>The slot colour of a layout's empty slot (RGB 0x2a2a2a) and of the background (0x111111).</summary>
    public const string EmptySlotColour = "0x2a2a2a";

    private const string BackgroundColour = "0x111111";
    private const string Font = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    /// <summary>Builds the arguments.</summary>
    /// <param name="options">Program size, rate and bitrates.</param>
    /// <param name="scene">The scene (layout, stage size).</param>
    /// <param name="inputs">The live on-stage sources.</param>
    /// <param name="titleFile">A file holding the banner text, or null for no banner.</param>
    /// <param name="logoFile">The logo image, or null.</param>
    /// <param name="timestampOffset">Program time at this run's start, so timestamps keep rising across runs.</param>
    /// <param name="busPort">The loopback UDP port of the program bus.</param>
    public static IReadOnlyList<string> Build(StudioOptions options, StudioScene scene, IReadOnlyList<CompositorInput> inputs, string? titleFile, string? logoFile, TimeSpan timestampOffset, int busPort)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(inputs);
        var w = options.Width;
        var h = options.Height;
        var fps = options.FrameRate;
        var args = new List<string> { "-hide_banner", "-nostdin", "-loglevel", "warning" };
        foreach (var input in inputs)
        {
            args.AddRange(input.Arguments);
        }

        var logoIndex = -1;
        if (logoFile is not null)
        {
            logoIndex = inputs.Count;
            args.AddRange(["-loop", "1", "-framerate", "1", "-i", logoFile]);
        }

        var slots = SceneLayouts.Slots(scene.Layout, scene.Stage.Count, w, h);
        var graph = new List<string>();
        var background = $"color=c={BackgroundColour}:s={w}x{h}:r={fps},format=yuv420p";
        foreach (var slot in slots)
        {
            background += Invariant($",drawbox=x={slot.X}:y={slot.Y}:w={slot.Width}:h={slot.Height}:color={EmptySlotColour}:t=fill");
        }

        graph.Add(background + "[v0]");
        var current = "v0";
        var step = 0;
        for (var k = 0; k < inputs.Count; k++)
        {
            if (inputs[k].Slot >= slots.Count || !inputs[k].HasVideo)
            {
                continue;
            }

            var box = slots[inputs[k].Slot];
            step++;
            // Resetting each stream to zero would shift audio against video by however much later the first
            // decodable video frame (a keyframe) came than the first audio frame: with a shared clock, keep the
            // timestamps ffmpeg made relative to the input's start (measured: 418 ms early audio before this).
            var videoStart = inputs[k].SharedClock ? "setpts=PTS" : "setpts=PTS-STARTPTS";
            graph.Add(Invariant($"[{k}:v]{videoStart},scale={box.Width}:{box.Height}:force_original_aspect_ratio=decrease,pad={box.Width}:{box.Height}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,fps={fps}[s{step}]"));
            graph.Add(Invariant($"[{current}][s{step}]overlay=x={box.X}:y={box.Y}:eof_action=pass:repeatlast=0[v{step}]"));
            current = $"v{step}";
        }

        if (titleFile is not null)
        {
            var bar = (h / 9) & ~1;
            graph.Add(Invariant($"[{current}]drawbox=x=0:y={h - bar}:w={w}:h={bar}:color=black@0.6:t=fill,drawtext=fontfile={Font}:textfile={Escape(titleFile)}:fontcolor=white:fontsize={h / 18}:x={w / 40}:y={h - bar}+({bar}-th)/2[banner]"));
            current = "banner";
        }

        if (logoIndex >= 0)
        {
            graph.Add(Invariant($"[{logoIndex}:v]scale=-2:{(h / 9) & ~1}[logo]"));
            graph.Add(Invariant($"[{current}][logo]overlay=x=W-w-{w / 40}:y={h / 40}[logoed]"));
            current = "logoed";
        }

        graph.Add($"[{current}]realtime[vout]");

        var mixed = new List<string> { "[a0]" };
        graph.Add("anullsrc=r=48000:cl=stereo[a0]");
        for (var k = 0; k < inputs.Count; k++)
        {
            if (inputs[k].HasAudio && inputs[k].Slot < slots.Count)
            {
                // amix mixes sample by sample, ignoring timestamps: first_pts=0 pads the silence before a later
                // first audio frame, so the audio keeps its place against the video.
                var audioStart = inputs[k].SharedClock ? "aresample=48000:async=1:first_pts=0" : "asetpts=PTS-STARTPTS,aresample=48000:async=1";
                graph.Add(Invariant($"[{k}:a]{audioStart},aformat=sample_rates=48000:channel_layouts=stereo[a{k + 1}]"));
                mixed.Add($"[a{k + 1}]");
            }
        }

        graph.Add(Invariant($"{string.Concat(mixed)}amix=inputs={mixed.Count}:duration=first:dropout_transition=0:normalize=0,arealtime[aout]"));

        args.AddRange(["-filter_complex", string.Join(';', graph), "-map", "[vout]", "-map", "[aout]"]);
        args.AddRange([
            "-c:v", "libx264", "-preset", options.X264Preset, "-tune", "zerolatency", "-pix_fmt", "yuv420p",
            "-b:v", Invariant($"{options.VideoBitrateKbps}k"), "-maxrate", Invariant($"{options.VideoBitrateKbps}k"), "-bufsize", Invariant($"{options.VideoBitrateKbps * 2}k"),
            "-r", Invariant($"{fps}"), "-g", Invariant($"{fps}"), "-keyint_min", Invariant($"{fps}"), "-sc_threshold", "0",
            "-c:a", "aac", "-b:a", Invariant($"{options.AudioBitrateKbps}k"), "-ar", "48000", "-ac", "2",
            "-output_ts_offset", timestampOffset.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture),
            "-flush_packets", "1", "-f", "mpegts", "-mpegts_flags", "resend_headers",
            Invariant($"udp://127.0.0.1:{busPort}?pkt_size=1316"),
        ]);
        return args;
    }

    // Filter graph option values: ':' separates options and '\' escapes; temp paths hold neither normally.
    private static string Escape(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(":", "\\:", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
