using Tributary.Media.Processes;

namespace Tributary.Media.Tests.Processes;

/// <summary>Small /bin/sh programs in a temp folder, deleted on dispose.</summary>
public sealed class Scripts : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("tributary-sp-").FullName;

    /// <summary>A command that runs <paramref name="body"/> with /bin/sh.</summary>
    public ProcessCommand Sh(string body)
    {
        var path = System.IO.Path.Combine(Folder, $"script-{Guid.NewGuid():N}.sh");
        File.WriteAllText(path, body);
        return new ProcessCommand("/bin/sh", [path], WorkingDirectory: Folder);
    }

    /// <summary>A path inside the folder.</summary>
    public string Path(string name) => System.IO.Path.Combine(Folder, name);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
