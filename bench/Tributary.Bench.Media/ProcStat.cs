using System.Globalization;

namespace Tributary.Bench.Media;

/// <summary>CPU time of a process from <c>/proc/&lt;pid&gt;/stat</c> (the namespace shares the machine's /proc).</summary>
internal static class ProcStat
{
    /// <summary>utime + stime in seconds (clock ticks of 100 Hz, Linux's USER_HZ).</summary>
    public static double CpuSeconds(int pid)
    {
        var fields = Fields(pid);
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>The first process below <paramref name="root"/> (any depth) whose command is <paramref name="comm"/>.</summary>
    public static int? FindDescendant(int root, string comm)
    {
        var children = new Dictionary<int, List<int>>();
        var names = new Dictionary<int, string>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                names[pid] = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(pid);
            }
            catch (IOException)
            {
                // Exited meanwhile.
            }
        }

        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var pid))
        {
            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                if (names.GetValueOrDefault(child) == comm)
                {
                    return child;
                }

                queue.Enqueue(child);
            }
        }

        return null;
    }

    // The fields after "(comm) ": state is [0], ppid [1], utime [11], stime [12].
    private static string[] Fields(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }
}
