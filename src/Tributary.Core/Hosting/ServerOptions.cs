namespace Tributary.Hosting;

/// <summary>Section <c>Server</c>: process-wide settings.</summary>
public sealed class ServerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Server";

    /// <summary>
    /// Folder for the embedded database, the generated signing key and other local state.
    /// Default <c>./data</c>; <c>--data-dir</c> or <c>TRIBUTARY_DATA_DIR</c> override it.
    /// </summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>The full path of <see cref="DataDir"/>, created on first use.</summary>
    public string EnsureDataDir()
    {
        var path = Path.GetFullPath(DataDir);
        Directory.CreateDirectory(path);
        return path;
    }
}
