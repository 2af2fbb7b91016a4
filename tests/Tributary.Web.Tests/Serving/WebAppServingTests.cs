using System.Net;
using Tributary.Testing;

namespace Tributary.Web.Tests.Serving;

/// <summary>The server's <c>/</c>: the build's files, the app's page for its routes, the server's own paths untouched.</summary>
public sealed class WebAppServingTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("tributary-webroot-").FullName;
    private TributaryTestHost _host = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "assets"));
        Directory.CreateDirectory(Path.Combine(_root, "studio"));
        await File.WriteAllTextAsync(Path.Combine(_root, "index.html"), "<!doctype html><title>app</title>");
        await File.WriteAllTextAsync(Path.Combine(_root, "studio", "index.html"), "<!doctype html><title>studio</title>");
        await File.WriteAllTextAsync(Path.Combine(_root, "assets", "main-abc123.js"), "console.log(1)");
        _host = await TributaryTestHost.StartAsync(args: [$"--WebApp:Root={_root}"]);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_root, true);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/feed")]
    [InlineData("/rooms/0b9e2f0e-4b7c-4a39-9d0c-1c2d3e4f5a6b")]
    [InlineData("/u/some-user")]
    public async Task App_routes_answer_the_apps_page_uncached(string path)
    {
        using var response = await _host.Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Equal("<!doctype html><title>app</title>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Hashed_assets_are_served_with_their_type_and_cached_for_a_year()
    {
        using var response = await _host.Http.GetAsync(new Uri("/assets/main-abc123.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal("console.log(1)", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_second_entry_folder_with_its_own_index_is_served_under_its_name()
    {
        Assert.Equal("<!doctype html><title>studio</title>", await _host.Http.GetStringAsync(new Uri("/studio/projects", UriKind.Relative)));
    }

    [Theory]
    [InlineData("/live/unknown/stream/playlist.m3u8.bak")]
    [InlineData("/live/nothing")]
    [InlineData("/signal/extra")]
    [InlineData("/graphql/extra")]
    [InlineData("/metrics/x")]
    [InlineData("/assets/missing.js")]
    [InlineData("/../../etc/passwd.txt")]
    public async Task Server_paths_and_missing_files_answer_404_not_the_app(string path)
    {
        using var response = await _host.Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<title>app</title>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mapped_server_routes_still_win_over_the_app()
    {
        Assert.Equal("ok\n", await _host.Http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        using var graphql = await _host.Http.GetAsync(new Uri("/graphql?query=%7B__typename%7D", UriKind.Relative));
        Assert.Contains("\"__typename\":\"Query\"", await graphql.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var demo = await _host.Http.GetAsync(new Uri("/demo", UriKind.Relative));
        Assert.Contains("Tributary room demo", await demo.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_to_an_app_route_answers_404_and_changes_nothing()
    {
        using var response = await _host.Http.PostAsync(new Uri("/feed", UriKind.Relative), new StringContent("x"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("assets,index.html,studio", string.Join(",", Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName).Order()));
    }
}
