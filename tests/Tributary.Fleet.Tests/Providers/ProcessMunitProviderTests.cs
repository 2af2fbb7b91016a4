using Tributary.Fleet.Providers;

namespace Tributary.Fleet.Tests.Providers;

public sealed class ProcessMunitProviderTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    [Fact]
    public void Each_slot_gets_its_own_tcp_port_block_and_rtp_range()
    {
        var options = new ProcessMunitOptions();

        Assert.Equal(new MunitPorts(17_000, 17_001, 17_002, 17_003, 17_004, 20_000, 20_999), MunitPorts.ForSlot(options, 0));
        Assert.Equal(new MunitPorts(17_030, 17_031, 17_032, 17_033, 17_034, 23_000, 23_999), MunitPorts.ForSlot(options, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => MunitPorts.ForSlot(options, options.Slots));
        Assert.Throws<ArgumentOutOfRangeException>(() => MunitPorts.ForSlot(options, -1));
    }

    [Fact]
    public void Slots_are_bounded_by_the_port_ranges()
    {
        Assert.Equal(45, new ProcessMunitOptions { MaxProcesses = 1000 }.Slots);
        Assert.Equal(0, new ProcessMunitOptions { PortStride = 2 }.Slots);
    }

    [Fact]
    public void Command_runs_the_media_role_with_the_munits_id_ports_and_data_folder()
    {
        var options = new ProcessMunitOptions { TributaryPath = "/opt/tributary/tributary.dll", JanusEnabled = false };
        options.ExtraArguments.Add("--Logging:LogLevel:Default=Warning");

        var command = MunitProcessCommand.Build(options, "proc2-7", MunitPorts.ForSlot(options, 2), "/data/proc2-7");

        Assert.Equal("dotnet", command.FileName);
        Assert.Equal(
            [
                "/opt/tributary/tributary.dll", "serve", "--roles", "media",
                "--urls", "http://127.0.0.1:17020",
                "--data-dir", "/data/proc2-7",
                "--Media:Munit:Id=proc2-7",
                "--Media:Janus:Enabled=false",
                "--Media:Janus:HttpPort=17021",
                "--Media:Janus:AdminPort=17022",
                "--Media:Janus:RtpPortRange=22000-22999",
                "--Cluster:SiloPort=17023",
                "--Cluster:GatewayPort=17024",
                "--Logging:LogLevel:Default=Warning",
            ],
            command.Arguments);
    }

    [Fact]
    public void Command_without_a_tributary_path_runs_the_executable_directly()
    {
        var options = new ProcessMunitOptions { ExecutablePath = "/usr/local/bin/tributary", TributaryPath = "" };

        var command = MunitProcessCommand.Build(options, "m", MunitPorts.ForSlot(options, 0), "/d");

        Assert.Equal("/usr/local/bin/tributary", command.FileName);
        Assert.Equal("serve", command.Arguments[0]);
        Assert.Contains("--Media:Janus:Enabled=true", command.Arguments);
    }

    [Fact]
    public void Provider_refuses_unusable_settings()
    {
        var error = Assert.Throws<ArgumentException>(() => new ProcessMunitProvider(new ProcessMunitOptions { RtpPortsPerMunit = 1, ExecutablePath = "" }));

        Assert.Contains("ExecutablePath is required.", error.Message, StringComparison.Ordinal);
        Assert.Contains("RtpPortsPerMunit must be at least 2.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provider_starts_real_processes_in_distinct_slots_and_stops_them()
    {
        using var cts = new CancellationTokenSource(Guard);
        var folder = Directory.CreateTempSubdirectory("fleet-provider-").FullName;
        try
        {
            // A stand-in for tributary.dll (no server build needed to prove the lifecycle): writes its argv into its data
            // folder ($7 is the value of --data-dir), then runs until SIGTERM.
            var script = Path.Combine(folder, "munit.sh");
            await File.WriteAllTextAsync(script, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$7/argv.tmp\"\nmv \"$7/argv.tmp\" \"$7/argv\"\ntrap 'exit 0' TERM\nwhile true; do sleep 1; done\n", cts.Token);
            var options = new ProcessMunitOptions { ExecutablePath = "/bin/sh", TributaryPath = script, DataFolder = Path.Combine(folder, "data"), MaxProcesses = 2, JanusEnabled = false, ShutdownGracePeriod = TimeSpan.FromSeconds(30) };
            await using var provider = new ProcessMunitProvider(options);

            var first = await provider.StartAsync(cts.Token);
            var second = await provider.StartAsync(cts.Token);
            var third = await provider.StartAsync(cts.Token);

            Assert.Equal("proc0-1", first);
            Assert.Equal("proc1-2", second);
            Assert.Null(third);
            var firstPid = provider.ProcessIdOf(first!)!.Value;
            Assert.NotEqual(firstPid, provider.ProcessIdOf(second!));
            var argv = await ReadWhenWrittenAsync(Path.Combine(folder, "data", "proc1-2", "argv"), cts.Token);
            Assert.Equal(["serve", "--roles", "media", "--urls", "http://127.0.0.1:17010"], argv.Take(5));
            Assert.Contains("--Media:Munit:Id=proc1-2", argv);
            Assert.Contains("--Media:Janus:Enabled=false", argv);
            Assert.Contains("--Media:Janus:RtpPortRange=21000-21999", argv);
            Assert.True(Directory.Exists($"/proc/{firstPid}"));

            Assert.True(await provider.StopAsync(first!, cts.Token));
            Assert.False(Directory.Exists($"/proc/{firstPid}"));
            Assert.False(Directory.Exists(Path.Combine(folder, "data", "proc0-1")));
            Assert.False(await provider.StopAsync(first!, cts.Token));
            Assert.Equal([second!], provider.MunitIds);

            // The freed slot is used again, under a new id.
            Assert.Equal("proc0-3", await provider.StartAsync(cts.Token));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Reads the file the script renames into place; polls because a child process raises no event here (the guard token only fails a hung test).</summary>
    private static async Task<string[]> ReadWhenWrittenAsync(string path, CancellationToken cancellationToken)
    {
        while (!File.Exists(path))
        {
            await Task.Delay(20, cancellationToken);
        }

        return await File.ReadAllLinesAsync(path, cancellationToken);
    }
}
