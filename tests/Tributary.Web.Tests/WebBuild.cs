namespace Tributary.Web.Tests;

/// <summary>The repository's web app build (<c>web/dist</c>, made by scripts/test before the .NET build).</summary>
internal static class WebBuild
{
    /// <summary>The build folder; fails the test with what to run when it is missing.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "web", "package.json")))
            {
                var dist = Path.Combine(dir.FullName, "web", "dist");
                if (!File.Exists(Path.Combine(dist, "index.html")))
                {
                    throw new InvalidOperationException($"the web app is not built ({dist}): run scripts/test, or cd web && npm ci && npm run build");
                }

                return dist;
            }
        }

        throw new InvalidOperationException("web/package.json not found above " + AppContext.BaseDirectory);
    }
}
