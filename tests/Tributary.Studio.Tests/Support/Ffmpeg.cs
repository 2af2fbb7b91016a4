using System.Diagnostics;
using System.Text.Json;

namespace Tributary.Studio.Tests.Support;

/// <summary>ffprobe and ffmpeg as the test's RTMP player: stream facts and one decoded frame.</summary>
public static class Ffmpeg
{
    /// <summary>One RGB frame, scaled to <paramref name="width"/>×<paramref name="height"/>.</summary>
    public sealed record Frame(int Width, int Height, byte[] Rgb)
    {
        public (int R, int G, int B) At(double x, double y)
        {
            var px = Math.Clamp((int)(x * Width), 0, Width - 1);
            var py = Math.Clamp((int)(y * Height), 0, Height - 1);
            var i = ((py * Width) + px) * 3;
            return (Rgb[i], Rgb[i + 1], Rgb[i + 2]);
        }
    }

    /// <summary>The codec, width and height of each stream of <paramref name="url"/>.</summary>
    public static async Task<IReadOnlyList<(string Codec, int Width, int Height)>> ProbeAsync(string url)
    {
        var (output, _) = await RunAsync("/usr/bin/ffprobe", ["-v", "error", "-analyzeduration", "1000000", "-probesize", "1000000", "-rw_timeout", "15000000",
            "-show_entries", "stream=codec_name,width,height", "-of", "json", url]);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("streams").EnumerateArray()
            .Select(s => (s.GetProperty("codec_name").GetString()!, s.TryGetProperty("width", out var w) ? w.GetInt32() : 0, s.TryGetProperty("height", out var h) ? h.GetInt32() : 0))
            .ToList();
    }

    /// <summary>A frame decoded from the live stream <paramref name="url"/>, scaled down to 128×72.</summary>
    public static async Task<Frame> GrabAsync(string url)
    {
        var file = Path.Combine(Path.GetTempPath(), $"studio-frame-{Guid.NewGuid():N}.rgb");
        try
        {
            // Skip a few frames so a frame decoded from before the first keyframe is never the one read.
            await RunAsync("/usr/bin/ffmpeg", ["-v", "error", "-rw_timeout", "15000000", "-i", url, "-vf", "select=gte(n\\,5),scale=128:72", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-y", file]);
            return new Frame(128, 72, await File.ReadAllBytesAsync(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Starts a test-pattern encoder (solid colour + 440 Hz tone) pushing MPEG-TS (or <paramref name="format"/>) to <paramref name="url"/>.</summary>
    public static Process StartPattern(string colour, string url, int seconds = 900, string format = "mpegts") => Start(
        "-v", "error", "-re", "-f", "lavfi", "-i", $"color=c={colour}:s=640x360:r=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
        "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "15", "-pix_fmt", "yuv420p", "-c:a", "aac", "-rw_timeout", "15000000", "-f", format, url);

    /// <summary>Starts ffmpeg with <paramref name="args"/> in the background; its output is read and dropped.</summary>
    public static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("/usr/bin/ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Runs <paramref name="file"/> (ffmpeg, ffprobe) to its end within <paramref name="patience"/> (2 minutes when
    /// null) and answers its standard output and error; a non-zero exit or a timeout throws with its error output.
    /// </summary>
    public static async Task<(string Output, string Error)> RunAsync(string file, string[] args, TimeSpan? patience = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(patience ?? TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} exited {process.ExitCode}: {await stderr}");
        }

        return (await stdout, await stderr);
    }
}
