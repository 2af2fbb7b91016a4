using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Tributary.Media.Demo;

/// <summary>
/// <c>GET /demo</c>: a one-file web client of the room protocol (sign in through the GraphQL API, create or join an
/// m2m/a2m room, publish camera and microphone, see every other publisher, raise a hand, switch simulcast layers).
/// Served by edge nodes because it talks to <c>/signal</c> on the same origin.
/// </summary>
public static class DemoEndpoints
{
    /// <summary>The path of the page.</summary>
    public const string Path = "/demo";

    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = typeof(DemoEndpoints).Assembly.GetManifestResourceStream("Tributary.Media.Demo.demo.html")
            ?? throw new InvalidOperationException("the demo page is not embedded in Tributary.Media");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>Maps <see cref="Path"/>.</summary>
    public static IEndpointRouteBuilder MapMediaDemo(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Content(Page.Value, "text/html; charset=utf-8");
        });
        return endpoints;
    }
}
