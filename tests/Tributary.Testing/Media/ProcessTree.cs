using System.Globalization;

namespace Tributary.Testing.Media;

/// <summary>Processes below a process, read from <c>/proc</c> (Linux).</summary>
public static class ProcessTree
{
    /// <summary>Every running descendant of <paramref name="root"/> (children, grandchildren, …).</summary>
    public static IReadOnlyList<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        var found = new List<int>();
        foreach (var pid in parents.Keys)
        {
            for (var p = pid; parents.TryGetValue(p, out var parent) && parent > 1; p = parent)
            {
                if (parent == root)
                {
                    found.Add(pid);
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>The process's command name (<c>/proc/pid/comm</c>), null when it is gone.</summary>
    public static string? NameOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Whether the process still exists and is not a zombie.</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
