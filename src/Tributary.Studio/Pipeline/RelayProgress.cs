namespace Tributary.Studio.Pipeline;

/// <summary>One block of ffmpeg's <c>-progress</c> output.</summary>
/// <param name="TotalSize">Bytes written so far by this run.</param>
/// <param name="BitrateKbps">Output bitrate, kbit/s (0 when ffmpeg says N/A).</param>
/// <param name="DroppedFrames">Frames dropped by this run.</param>
internal sealed record RelayProgress(long TotalSize, double BitrateKbps, long DroppedFrames)
{
    /// <summary>Parses the key=value lines of one block; null when it has no total_size.</summary>
    public static RelayProgress? Parse(IReadOnlyDictionary<string, string> values)
    {
        if (!values.TryGetValue("total_size", out var size) || !long.TryParse(size, System.Globalization.CultureInfo.InvariantCulture, out var total))
        {
            return null;
        }

        var bitrate = 0.0;
        if (values.TryGetValue("bitrate", out var rate) && rate.EndsWith("kbits/s", StringComparison.Ordinal))
        {
            double.TryParse(rate[..^"kbits/s".Length], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out bitrate);
        }

        long dropped = 0;
        if (values.TryGetValue("drop_frames", out var drops))
        {
            long.TryParse(drops, System.Globalization.CultureInfo.InvariantCulture, out dropped);
        }

        return new RelayProgress(total, bitrate, dropped);
    }
}
