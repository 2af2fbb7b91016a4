using System.Collections.Concurrent;
using System.Diagnostics;

namespace Tributary.Media.Processes;

/// <summary>
/// Starts child processes that die with this process, even when it is killed with SIGKILL (which takes no child
/// along: a <c>kill -9</c>ed media process used to leave its Janus running, re-parented to init, holding its ports and
/// still sending media). The child is started through <c>setpriv --pdeathsig KILL --</c> (util-linux), which sets
/// <c>PR_SET_PDEATHSIG</c> and then executes the real program (same pid, same arguments).
/// <para>
/// Linux sends that signal when the <em>thread</em> that forked the child exits, not the process. .NET forks on the
/// calling thread, and thread-pool threads retire when idle, so every start goes through one dedicated thread that
/// lives as long as the process; the signal then comes exactly when the process ends.
/// </para>
/// </summary>
public static class ParentBoundLauncher
{
    /// <summary>The <c>setpriv</c> program (util-linux, present on every Debian system).</summary>
    public const string SetprivPath = "/usr/bin/setpriv";

    // Bounded: starts are rare (a restart of Janus, a new munit); a caller waits for its own start anyway.
    private static readonly BlockingCollection<Action> Starts = new(boundedCapacity: 64);
    private static readonly Lazy<Thread> Launcher = new(() =>
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "tributary-process-launcher" };
        thread.Start();
        return thread;
    });

    /// <summary>True when <see cref="SetprivPath"/> exists: children are bound to this process.</summary>
    public static bool IsAvailable => File.Exists(SetprivPath);

    /// <summary>
    /// Starts <paramref name="process"/> (its <see cref="Process.StartInfo"/> as configured, without a shell) on the
    /// launcher thread. With <paramref name="bindToParent"/> and <c>setpriv</c> present, the program runs under
    /// <c>setpriv --pdeathsig KILL --</c>; without <c>setpriv</c> it starts unbound (answers false then).
    /// Exceptions of <see cref="Process.Start()"/> are rethrown to the caller.
    /// </summary>
    /// <returns>True when the child is bound to this process's lifetime.</returns>
    public static bool Start(Process process, bool bindToParent = true)
    {
        ArgumentNullException.ThrowIfNull(process);
        // A program that cannot be found starts unbound, so Process.Start fails as it always did (setpriv would
        // start and exit with 127 instead, hiding a missing program behind a crash loop).
        var bound = bindToParent && IsAvailable && Resolves(process.StartInfo.FileName);
        if (bound)
        {
            var info = process.StartInfo;
            var program = info.FileName;
            info.FileName = SetprivPath;
            string[] prefix = ["--pdeathsig", "KILL", "--", program];
            for (var i = 0; i < prefix.Length; i++)
            {
                info.ArgumentList.Insert(i, prefix[i]);
            }
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Launcher.Value;
        Starts.Add(() =>
        {
            try
            {
                process.Start();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        done.Task.GetAwaiter().GetResult();
        return bound;
    }

    private static bool Resolves(string program)
    {
        if (string.IsNullOrEmpty(program))
        {
            return false;
        }

        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program);
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, program)));
    }

    private static void Run()
    {
        foreach (var start in Starts.GetConsumingEnumerable())
        {
            start();
        }
    }
}
