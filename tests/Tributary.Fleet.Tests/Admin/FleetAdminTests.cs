using System.Net.Http.Json;
using System.Text.Json;
using Tributary.Fleet.Placement;
using Tributary.Fleet.Registry;
using Tributary.Fleet.Tests.Control;

namespace Tributary.Fleet.Tests.Admin;

/// <summary>The admin GraphQL API of the fleet (query munits, drainMunit, reviveMunit, stopMunit; scope fleet:admin) on the real server.</summary>
public sealed class FleetAdminTests
{
    private const string MunitFields = "id status stations rooms downlinks host janus lastReportAt statusSince";

    [Fact]
    public async Task Munits_lists_every_munit_with_its_status_for_a_fleet_admin_key()
    {
        await using var fleet = await FleetHost.StartAsync();
        await fleet.AddMunitAsync("m-a", downlinks: 3);
        await fleet.AddMunitAsync("m-b");
        var key = await fleet.CreateApiKeyAsync("fleet:admin");

        var listed = await PostAsync(fleet, $"{{ munits {{ {MunitFields} }} }}", key);

        var munits = listed.GetProperty("data").GetProperty("munits").EnumerateArray().ToList();
        Assert.Equal(["m-a", "m-b"], munits.Select(m => m.GetProperty("id").GetString()));
        Assert.All(munits, m => Assert.Equal("ACTIVE", m.GetProperty("status").GetString()));
        Assert.Equal(3, munits[0].GetProperty("downlinks").GetInt32());
        Assert.Equal("Healthy", munits[0].GetProperty("janus").GetString());
        Assert.Equal("fake-host", munits[0].GetProperty("host").GetString());
    }

    [Fact]
    public async Task Drain_then_revive_changes_the_status_and_a_repeated_command_answers_BAD_USER_INPUT_and_changes_nothing()
    {
        await using var fleet = await FleetHost.StartAsync();
        await fleet.AddMunitAsync("m-a");
        var key = await fleet.CreateApiKeyAsync("fleet:admin");

        var drained = await PostAsync(fleet, Mutation("drainMunit"), key, new { id = "m-a" });
        Assert.Equal("DRAINING", drained.GetProperty("data").GetProperty("drainMunit").GetProperty("status").GetString());
        var before = await fleet.Fleet.MunitsAsync();

        var again = await PostAsync(fleet, Mutation("drainMunit"), key, new { id = "m-a" });

        Assert.Equal("BAD_USER_INPUT", Code(again));
        Assert.Contains("already draining", Message(again), StringComparison.Ordinal);
        Assert.Equal(before, await fleet.Fleet.MunitsAsync());

        var revived = await PostAsync(fleet, Mutation("reviveMunit"), key, new { id = "m-a" });
        Assert.Equal("ACTIVE", revived.GetProperty("data").GetProperty("reviveMunit").GetProperty("status").GetString());
        var reviveAgain = await PostAsync(fleet, Mutation("reviveMunit"), key, new { id = "m-a" });
        Assert.Equal("BAD_USER_INPUT", Code(reviveAgain));
        Assert.Contains("already active", Message(reviveAgain), StringComparison.Ordinal);
        Assert.Equal(MunitState.Active, (await fleet.Fleet.MunitsAsync()).Single().State);
    }

    [Theory]
    [InlineData("drainMunit")]
    [InlineData("reviveMunit")]
    [InlineData("stopMunit")]
    public async Task A_command_for_an_unknown_munit_answers_NOT_FOUND_and_changes_nothing(string mutation)
    {
        await using var fleet = await FleetHost.StartAsync();
        await fleet.AddMunitAsync("m-a");
        var key = await fleet.CreateApiKeyAsync("fleet:admin");
        var before = await fleet.Fleet.MunitsAsync();

        var answer = await PostAsync(fleet, Mutation(mutation), key, new { id = "no-such-munit" });

        Assert.Equal("NOT_FOUND", Code(answer));
        Assert.Contains("no-such-munit", Message(answer), StringComparison.Ordinal);
        Assert.Equal(before, await fleet.Fleet.MunitsAsync());
    }

    [Fact]
    public async Task A_key_without_the_fleet_admin_scope_is_FORBIDDEN_and_changes_nothing()
    {
        await using var fleet = await FleetHost.StartAsync();
        await fleet.AddMunitAsync("m-a");
        var key = await fleet.CreateApiKeyAsync("webhooks:admin");
        var before = await fleet.Fleet.MunitsAsync();

        var drain = await PostAsync(fleet, Mutation("drainMunit"), key, new { id = "m-a" });
        var list = await PostAsync(fleet, $"{{ munits {{ id }} }}", key);
        var anonymous = await PostAsync(fleet, Mutation("stopMunit"), apiKey: null, new { id = "m-a" });

        Assert.Equal("FORBIDDEN", Code(drain));
        Assert.Contains("fleet:admin", Message(drain), StringComparison.Ordinal);
        Assert.Equal("FORBIDDEN", Code(list));
        Assert.Equal("UNAUTHENTICATED", Code(anonymous));
        Assert.Equal(before, await fleet.Fleet.MunitsAsync());
        Assert.Equal(MunitLifecycle.Active, (await fleet.Fleet.MunitsAsync()).Single().Lifecycle);
    }

    [Fact]
    public async Task Stop_takes_a_munit_out_of_service_and_a_second_stop_answers_BAD_USER_INPUT()
    {
        await using var fleet = await FleetHost.StartAsync();
        await fleet.AddMunitAsync("m-a");
        var key = await fleet.CreateApiKeyAsync("fleet:admin");

        var stopped = await PostAsync(fleet, Mutation("stopMunit"), key, new { id = "m-a" });
        var again = await PostAsync(fleet, Mutation("stopMunit"), key, new { id = "m-a" });
        var drainStopped = await PostAsync(fleet, Mutation("drainMunit"), key, new { id = "m-a" });

        Assert.Equal("STOPPED", stopped.GetProperty("data").GetProperty("stopMunit").GetProperty("status").GetString());
        Assert.Equal("BAD_USER_INPUT", Code(again));
        Assert.Equal("BAD_USER_INPUT", Code(drainStopped));
        Assert.Contains("revive it first", Message(drainStopped), StringComparison.Ordinal);
        var munit = (await fleet.Fleet.MunitsAsync()).Single();
        Assert.Equal((MunitLifecycle.Stopped, MunitState.Dead), (munit.Lifecycle, munit.State));
    }

    internal static string Mutation(string name) => $"mutation($id: ID!) {{ {name}(id: $id) {{ {MunitFields} }} }}";

    internal static async Task<JsonElement> PostAsync(FleetHost fleet, string query, string? apiKey, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fleet.Host.BaseUri, "graphql"))
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        using var http = new HttpClient();
        using var response = await http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    internal static string? Code(JsonElement answer) =>
        answer.TryGetProperty("errors", out var errors) ? errors[0].GetProperty("extensions").GetProperty("code").GetString() : null;

    internal static string Message(JsonElement answer) => answer.GetProperty("errors")[0].GetProperty("message").GetString()!;
}
