using System.Text.RegularExpressions;
using Tributary.Client;

namespace Tributary.Fleet.Tests.Control;

/// <summary>Meter <c>Tributary.Fleet</c> as <c>/metrics</c> shows it.</summary>
[Collection(MetricsCollection.Name)]
public sealed partial class FleetMetricsTests
{
    [Fact]
    public async Task Metrics_show_munits_by_state_placements_recoveries_and_RESTARTs()
    {
        await using var fleet = await FleetHost.StartAsync();
        await fleet.AddMunitAsync("m-a");
        var b = await fleet.AddMunitAsync("m-b", downlinks: 10);
        await fleet.AddMunitAsync("m-c", downlinks: 20);
        Assert.True((await fleet.Fleet.DrainAsync("m-c")).IsSuccess);
        await using var alice = await fleet.ConnectAsync("alice");
        var rid = Guid.NewGuid().ToString();
        Assert.Equal(200, (await alice.JoinAsync(rid, RoomChannel.M2m, create: true)).Code);
        Assert.Equal(200, (await alice.OfferAsync(rid, FleetRecoveryTests.Offer)).Code);
        fleet.Clock.Advance(TimeSpan.FromSeconds(5));
        await b.ReportAsync(fleet.Clock.GetUtcNow(), downlinks: 10);
        await fleet.Controller.StepAsync();
        await alice.WaitForAsync(m => m.Signal == "RESTART", TimeSpan.FromSeconds(30));

        // m-a died (silent), m-b active, m-c silent as well: draining munits die too when they stop reporting.
        var text = await Eventually(fleet, t => Sample(t, "tributary_fleet_munits", "state=\"dead\"") == 2);

        Assert.Equal(1, Sample(text, "tributary_fleet_munits", "state=\"active\""));
        Assert.Equal(0, Sample(text, "tributary_fleet_munits", "state=\"draining\""));
        Assert.Equal(1, Sample(text, "tributary_fleet_placements_total", "affinity=\"false\""));
        Assert.Equal(1, Sample(text, "tributary_fleet_recoveries_total", "outcome=\"placed\""));
        Assert.Equal(1, Sample(text, "tributary_fleet_restarts_total", null));
    }

    private static async Task<string> Eventually(FleetHost fleet, Func<string, bool> done)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string text;
        do
        {
            text = await http.GetStringAsync(new Uri(fleet.Host.BaseUri, "metrics"));
            if (done(text))
            {
                return text;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail("metrics never showed the expected values:\n" + text);
        return text;
    }

    /// <summary>The value of the one sample of <paramref name="name"/> whose labels contain <paramref name="label"/>; null when absent.</summary>
    private static double? Sample(string text, string name, string? label)
    {
        foreach (Match match in SampleLine().Matches(text))
        {
            if (match.Groups["name"].Value == name && (label is null || match.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            {
                return double.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
