using System.Diagnostics;

namespace Tributary.Testing.Servers;

/// <summary>
/// A test process killed before its exit handler ran (vstest kills its testhost) leaves its throwaway servers running
/// (seen: 17 PostgreSQL clusters on a busy machine, and a pgbouncer per run). Each server lives in a temp folder named
/// <c>{prefix}-{owner pid}-{guid}</c> with a pid file; servers whose owning process is gone are killed and their
/// folders removed.
/// </summary>
internal static class OrphanedServers
{
    /// <summary>Kills the servers of folders <c>{prefix}-*</c> whose owner is gone; <paramref name="pidFile"/>'s first line is the server's pid.</summary>
    public static void Reap(string prefix, string pidFile)
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), $"{prefix}-*"))
        {
            var parts = Path.GetFileName(folder)[(prefix.Length + 1)..].Split('-');
            if (parts.Length < 2 || !int.TryParse(parts[0], out var owner) || IsAlive(owner))
            {
                continue;
            }

            try
            {
                var path = Path.Combine(folder, pidFile);
                if (File.Exists(path) && int.TryParse(File.ReadLines(path).FirstOrDefault()?.Trim(), out var server) && IsAlive(server))
                {
                    using var orphan = Process.GetProcessById(server);
                    orphan.Kill(true);
                    orphan.WaitForExit(10_000);
                }

                Directory.Delete(folder, true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException or System.ComponentModel.Win32Exception)
            {
                // Another test process is reaping it, or it is not ours to remove: leave it.
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
