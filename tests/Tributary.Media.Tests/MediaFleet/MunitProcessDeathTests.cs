using System.Diagnostics;
using Tributary.Media.Tests.Browser;
using Tributary.Testing.Media;

namespace Tributary.Media.Tests.MediaFleet;

/// <summary>
/// Nothing of a munit outlives the process that manages it (issue 10, <c>kill -9</c>): Janus dies with its regulator
/// (the media process), and the munit processes the <c>process</c> provider started die with the control process —
/// each with its Janus. Real processes in a network namespace; only the parent gets SIGKILL.
/// </summary>
[Collection(MediaBrowserCollection.Name)]
public sealed class MunitProcessDeathTests
{
    private static readonly TimeSpan Gone = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Kill_9_of_a_munit_process_alone_takes_its_Janus_along()
    {
        await using var fleet = await NamespacedFleet.StartAsync(["m1"]);
        var munit = fleet.Munits["m1"];
        var janus = ProcessTree.Descendants(munit.Pid).Where(p => ProcessTree.NameOf(p) == "janus").ToList();
        Assert.True(janus.Count == 1, $"Janus processes of the munit: {janus.Count}\n{fleet.Output()}");
        Assert.True(ProcessTree.IsRunning(janus[0]));

        SigKill(munit.Pid);

        await Eventually.WaitAsync(() => Task.FromResult(ProcessTree.IsRunning(janus[0])), running => !running, $"Janus (pid {janus[0]}) gone after kill -9 of its munit (pid {munit.Pid})", () => Task.FromResult(fleet.Output()), Gone);
    }

    [Fact]
    public async Task Kill_9_of_the_control_process_takes_the_munit_processes_it_started_and_their_Janus_along()
    {
        await using var fleet = await NamespacedFleet.StartAsync([], ["--Fleet:MinMunits=2", "--Fleet:MaxMunits=2"], autoscale: true);
        var control = fleet.Control;
        await Eventually.WaitAsync(
            () => Task.FromResult(control.Output.Contains("Munit proc0-1 joined the fleet", StringComparison.Ordinal) && control.Output.Contains("Munit proc1-2 joined the fleet", StringComparison.Ordinal)),
            joined => joined,
            "both munits joined the fleet",
            () => Task.FromResult(fleet.Output()),
            TimeSpan.FromSeconds(180));
        var started = ProcessTree.Descendants(control.Pid);
        var munits = started.Where(p => ProcessTree.NameOf(p) != "janus" && Arguments(p).Any(a => a.StartsWith("--Media:Munit:Id=", StringComparison.Ordinal))).ToList();
        var janus = started.Where(p => ProcessTree.NameOf(p) == "janus").ToList();
        Assert.True(munits.Count == 2 && janus.Count == 2, $"munit processes {munits.Count}, Janus {janus.Count}\n{fleet.Output()}");

        SigKill(control.Pid);

        foreach (var pid in munits.Concat(janus))
        {
            await Eventually.WaitAsync(() => Task.FromResult(ProcessTree.IsRunning(pid)), running => !running, $"{ProcessTree.NameOf(pid)} (pid {pid}) gone after kill -9 of the control process", () => Task.FromResult(fleet.Output()), Gone);
        }
    }

    private static void SigKill(int pid)
    {
        using var process = Process.GetProcessById(pid);
        process.Kill(entireProcessTree: false);
    }

    private static string[] Arguments(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
        }
        catch (IOException)
        {
            return [];
        }
    }
}
