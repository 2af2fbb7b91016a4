using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Tributary.Server.WebApp;

/// <summary>
/// The web app (<c>web/</c>, built by Vite) at <c>/</c>: files of the build folder by path, and for any other GET of a
/// page path (no file extension, not one of the server's own prefixes) the app's <c>index.html</c>, so the app's
/// routes (<c>/feed</c>, <c>/rooms/…</c>) survive a reload. Mapped as the fallback endpoint, so every mapped route
/// (<c>/graphql</c>, <c>/signal</c>, <c>/live/…</c>, …) wins; unmatched paths under the server's prefixes answer 404
/// instead of the app. A page path whose first segment names a build folder with its own <c>index.html</c> (a second
/// Vite entry such as <c>studio/</c>) gets that page. Without a build, pages answer 503 with a page saying how to build it.
/// </summary>
public static partial class WebAppEndpoints
{
    /// <summary>Path prefixes that belong to the server: never answered with the app's page.</summary>
    public static readonly IReadOnlyList<string> ServerPrefixes =
        ["/graphql", "/signal", "/data", "/live", "/healthz", "/readyz", "/metrics", "/demo", "/fleet", "/api"];

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>Registers <see cref="WebAppOptions"/> (section <c>WebApp</c>).</summary>
    public static IServiceCollection AddTributaryWebApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebAppOptions>().Bind(configuration.GetSection(WebAppOptions.Section))
            .Validate(o => o.Root is null || o.Root.Trim().Length > 0, "WebApp:Root must not be blank")
            .ValidateOnStart();
        return services;
    }

    /// <summary>Maps the app as the fallback endpoint (GET and HEAD).</summary>
    public static IEndpointRouteBuilder MapTributaryWebApp(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<WebAppOptions>>().Value;
        if (!options.Enabled)
        {
            return endpoints;
        }

        var root = ResolveRoot(options.Root);
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Tributary.Server.WebApp");
        if (File.Exists(Path.Combine(root, "index.html")))
        {
            LogServing(logger, root);
        }
        else
        {
            LogMissing(logger, root);
        }

        var files = new PhysicalFileProvider(Directory.Exists(root) ? root : Path.GetTempPath());
        // "{**path}", not the default "{*path:nonfile}": the build's files (assets/*.js) come through here too.
        endpoints.MapFallback("{**path}", async context =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await ServeAsync(context, root, files);
        });
        return endpoints;
    }

    /// <summary>The build folder: <paramref name="configured"/>, or <c>web/dist</c> of the current directory or above the binary.</summary>
    public static string ResolveRoot(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        var here = Path.GetFullPath(Path.Combine("web", "dist"));
        if (Directory.Exists(here))
        {
            return here;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "web", "dist");
            if (File.Exists(Path.Combine(dir.FullName, "web", "package.json")))
            {
                return candidate;
            }
        }

        return here;
    }

    private static async Task ServeAsync(HttpContext context, string root, PhysicalFileProvider files)
    {
        var path = context.Request.Path.Value ?? "/";
        if (IsServerPath(path))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var hasExtension = Path.HasExtension(path);
        if (hasExtension)
        {
            var file = files.GetFileInfo(path);
            if (!file.Exists || file.IsDirectory || file.PhysicalPath is null || !ContentTypes.TryGetContentType(file.Name, out var contentType))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            // Vite names everything under assets/ by content hash: such a URL never changes meaning.
            context.Response.Headers.CacheControl = path.StartsWith("/assets/", StringComparison.Ordinal) ? "public, max-age=31536000, immutable" : "no-cache";
            await Results.File(file.PhysicalPath, contentType).ExecuteAsync(context);
            return;
        }

        // A second Vite entry (e.g. web/studio → dist/studio/index.html) is its own app under its folder's name.
        var index = Path.Combine(root, "index.html");
        var first = path.TrimStart('/').Split('/', 2)[0];
        if (first.Length > 0 && files.GetFileInfo($"/{first}/index.html") is { Exists: true, PhysicalPath: { } entry })
        {
            index = entry;
        }

        context.Response.Headers.CacheControl = "no-cache";
        if (!File.Exists(index))
        {
            await Results.Content(MissingBuildPage(root), "text/html; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
            return;
        }

        await Results.File(index, "text/html; charset=utf-8").ExecuteAsync(context);
    }

    private static bool IsServerPath(string path)
    {
        foreach (var prefix in ServerPrefixes)
        {
            if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && (path.Length == prefix.Length || path[prefix.Length] == '/'))
            {
                return true;
            }
        }

        return false;
    }

    private static string MissingBuildPage(string root) =>
        $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Tributary: the web app is not built</title></head>
        <body style="font: 16px system-ui, sans-serif; max-width: 40em; margin: 2em auto; padding: 0 1em">
        <h1>The web app is not built</h1>
        <p>This server serves the browser app from <code>{{System.Net.WebUtility.HtmlEncode(root)}}</code>, which has no <code>index.html</code>.</p>
        <p>Build it with <code>scripts/run</code> (it builds the app when missing or stale), or by hand:
        <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>. Another folder can be given with <code>--WebApp:Root=/path/to/dist</code>.</p>
        <p>The API (<code>/graphql</code>), signaling (<code>/signal</code>) and the media demo (<a href="/demo">/demo</a>) work without it.</p>
        </body></html>
        """;

    [LoggerMessage(EventId = 3800, Level = LogLevel.Information, Message = "Serving the web app from {Root}")]
    private static partial void LogServing(ILogger logger, string root);

    [LoggerMessage(EventId = 3801, Level = LogLevel.Warning, Message = "The web app is not built ({Root} has no index.html): pages answer 503; run scripts/run or npm run build in web/")]
    private static partial void LogMissing(ILogger logger, string root);
}
