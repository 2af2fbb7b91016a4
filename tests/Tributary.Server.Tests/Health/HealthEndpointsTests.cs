using System.Net;
using Tributary.Testing;

namespace Tributary.Server.Tests.Health;

public sealed class HealthEndpointsTests
{
    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    [InlineData(TestDatabase.PgBouncer)]
    public async Task Readyz_answers_ready_once_migrations_are_applied(TestDatabase database)
    {
        await using var host = await TributaryTestHost.StartAsync(database);

        var live = await host.Http.GetAsync("/healthz");
        var ready = await host.Http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready\n", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_are_served_in_prometheus_text_format()
    {
        await using var host = await TributaryTestHost.StartAsync();
        await host.Http.GetAsync("/healthz");

        var metrics = await host.Http.GetStringAsync("/metrics");

        Assert.Contains("# TYPE", metrics, StringComparison.Ordinal);
    }
}
