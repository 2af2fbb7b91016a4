namespace Tributary.Api.Tests.Support;

/// <summary>Paths inside the repository checkout the tests run from.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding <c>Tributary.slnx</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path relative to the repository root.</summary>
    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tributary.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Tributary.slnx not found above " + AppContext.BaseDirectory);
    }
}
