using System.Net;
using Tributary.Testing;

namespace Tributary.Web.Tests.Serving;

/// <summary>A server whose web root has no build says so in words instead of a blank page, and keeps its API.</summary>
public sealed class MissingBuildTests
{
    [Fact]
    public async Task Without_a_build_pages_answer_503_saying_how_to_build_it()
    {
        var root = Path.Combine(Path.GetTempPath(), $"tributary-no-build-{Guid.NewGuid():N}");
        await using var host = await TributaryTestHost.StartAsync(args: [$"--WebApp:Root={root}"]);

        using var response = await host.Http.GetAsync(new Uri("/feed", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("The web app is not built", body, StringComparison.Ordinal);
        Assert.Contains("scripts/run", body, StringComparison.Ordinal);
        Assert.Contains(root, body, StringComparison.Ordinal);
        Assert.Equal("ok\n", await host.Http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        Assert.False(Directory.Exists(root));
    }
}
