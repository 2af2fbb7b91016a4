using System.CommandLine;
using Tributary.Fleet.Registry;
using Tributary.Fleet.Tests.Control;
using Tributary.Server.Commands;

namespace Tributary.Fleet.Tests.Admin;

/// <summary><c>tributary munit list|drain|revive|stop|assign|unassign</c> against a running server.</summary>
public sealed class MunitCommandTests
{
    [Fact]
    public async Task Munit_list_and_drain_work_with_a_fleet_admin_key_and_a_repeated_drain_exits_1_with_the_servers_error()
    {
        await using var fleet = await FleetHost.StartAsync();
        await fleet.AddMunitAsync("m-a");
        await fleet.AddMunitAsync("m-b");
        var key = await fleet.CreateApiKeyAsync("fleet:admin");
        var server = fleet.Host.BaseUri.ToString();

        var list = await RunAsync("munit", "list", "--server", server, "--api-key", key);
        Assert.Equal(0, list.Code);
        Assert.Contains(list.Out.Split('\n'), l => l.StartsWith("m-a", StringComparison.Ordinal) && l.Contains("ACTIVE", StringComparison.Ordinal));
        Assert.Contains(list.Out.Split('\n'), l => l.StartsWith("m-b", StringComparison.Ordinal));

        var drain = await RunAsync("munit", "drain", "m-a", "--server", server, "--api-key", key);
        Assert.Equal(0, drain.Code);
        Assert.Contains("DRAINING", drain.Out, StringComparison.Ordinal);

        var again = await RunAsync("munit", "drain", "m-a", "--server", server, "--api-key", key);
        Assert.Equal(MunitCommand.RefusedExitCode, again.Code);
        Assert.Contains("BAD_USER_INPUT: munit m-a is already draining", again.Err, StringComparison.Ordinal);

        var stop = await RunAsync("munit", "stop", "m-b", "--server", server, "--api-key", key);
        var revive = await RunAsync("munit", "revive", "m-a", "--server", server, "--api-key", key);
        Assert.Equal((0, 0), (stop.Code, revive.Code));
        var munits = await fleet.Fleet.MunitsAsync();
        Assert.Equal([MunitLifecycle.Active, MunitLifecycle.Stopped], munits.Select(m => m.Lifecycle));
    }

    [Fact]
    public async Task Munit_commands_refuse_an_unknown_munit_a_key_without_the_scope_and_a_missing_key_and_change_nothing()
    {
        await using var fleet = await FleetHost.StartAsync();
        await fleet.AddMunitAsync("m-a");
        var admin = await fleet.CreateApiKeyAsync("fleet:admin");
        var reader = await fleet.CreateApiKeyAsync("rooms:read");
        var server = fleet.Host.BaseUri.ToString();
        var before = await fleet.Fleet.MunitsAsync();

        var unknown = await RunAsync("munit", "stop", "nope", "--server", server, "--api-key", admin);
        var unscoped = await RunAsync("munit", "drain", "m-a", "--server", server, "--api-key", reader);
        var keyless = await RunAsync("munit", "drain", "m-a", "--server", server, "--api-key", "");

        Assert.Equal(MunitCommand.RefusedExitCode, unknown.Code);
        Assert.Contains("NOT_FOUND: no munit has the id 'nope'", unknown.Err, StringComparison.Ordinal);
        Assert.Equal(MunitCommand.RefusedExitCode, unscoped.Code);
        Assert.Contains("FORBIDDEN", unscoped.Err, StringComparison.Ordinal);
        Assert.Equal(TributaryCommandLine.UsageExitCode, keyless.Code);
        Assert.Contains("fleet:admin", keyless.Err, StringComparison.Ordinal);
        Assert.Equal(before, await fleet.Fleet.MunitsAsync());
    }

    [Fact]
    public async Task Munit_assign_and_unassign_pin_a_room_and_a_second_unassign_exits_1()
    {
        await using var fleet = await FleetHost.StartAsync();
        await fleet.AddMunitAsync("m-a");
        await fleet.AddMunitAsync("m-b");
        var key = await fleet.CreateApiKeyAsync("fleet:admin");
        var server = fleet.Host.BaseUri.ToString();

        var assign = await RunAsync("munit", "assign", "room-1", "m-b", "--server", server, "--api-key", key);
        Assert.Equal(0, assign.Code);
        Assert.Contains(assign.Out.Split('\n'), l => l.StartsWith("m-b", StringComparison.Ordinal) && l.Contains("ACTIVE", StringComparison.Ordinal));
        Assert.Equal(1, (await fleet.Fleet.MunitsAsync()).Single(m => m.MunitId == "m-b").AssignedRooms);

        var unassign = await RunAsync("munit", "unassign", "room-1", "--server", server, "--api-key", key);
        var again = await RunAsync("munit", "unassign", "room-1", "--server", server, "--api-key", key);

        Assert.Equal(0, unassign.Code);
        Assert.Equal(MunitCommand.RefusedExitCode, again.Code);
        Assert.Contains("NOT_FOUND: room 'room-1' is not assigned to a munit", again.Err, StringComparison.Ordinal);
        Assert.All(await fleet.Fleet.MunitsAsync(), m => Assert.Equal(0, m.AssignedRooms));
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = new RootCommand { MunitCommand.Create(output, error) };
        var code = await root.Parse(args).InvokeAsync();
        return (code, output.ToString(), error.ToString());
    }
}
