using System.Globalization;

namespace Tributary.Studio.Placement;

/// <summary>
/// How busy this machine's CPUs were since the previous sample: 1 − idle share of the jiffies in <c>/proc/stat</c>'s
/// <c>cpu</c> line (all cores; iowait counts as idle). Machine-wide on purpose: the compositor and relays are child
/// processes, and other roles on the machine (a munit's Janus) compete for the same cores. In a container this is the
/// host's figure, not the container's quota. 0 where <c>/proc/stat</c> cannot be read.
/// </summary>
internal sealed class CpuSampler
{
    private readonly string _path;
    private (long Busy, long Total)? _last;

    public CpuSampler(string path = "/proc/stat")
    {
        _path = path;
        _last = Read();
    }

    /// <summary>The busy share (0..1) since the previous call (or since construction).</summary>
    public double Sample()
    {
        var now = Read();
        var last = _last;
        _last = now;
        if (now is not { } current || last is not { } previous || current.Total <= previous.Total)
        {
            return 0;
        }

        return Math.Clamp((double)(current.Busy - previous.Busy) / (current.Total - previous.Total), 0, 1);
    }

    private (long Busy, long Total)? Read()
    {
        try
        {
            using var reader = new StreamReader(_path);
            var line = reader.ReadLine();
            if (line is null || !line.StartsWith("cpu ", StringComparison.Ordinal))
            {
                return null;
            }

            // user nice system idle iowait irq softirq steal (guest time is already inside user and nice).
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(f => long.Parse(f, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
            if (fields.Length < 5)
            {
                return null;
            }

            var total = fields.Sum();
            var idle = fields[3] + fields[4];
            return (total - idle, total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return null;
        }
    }
}
