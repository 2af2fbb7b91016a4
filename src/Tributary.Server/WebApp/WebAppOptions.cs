namespace Tributary.Server.WebApp;

/// <summary>Section <c>WebApp</c>: the browser app (issue 12) served at <c>/</c>.</summary>
public sealed class WebAppOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "WebApp";

    /// <summary>
    /// The folder holding the Vite build (<c>index.html</c> and <c>assets/</c>). Default none: <c>web/dist</c> of the
    /// current directory, else of the nearest folder above the server binary that has one (a source checkout, where
    /// <c>scripts/run</c> builds it). A relative path is taken from the current directory.
    /// </summary>
    public string? Root { get; set; }

    /// <summary>Serve the app at all. Default true; false leaves <c>/</c> to nothing (API-only nodes).</summary>
    public bool Enabled { get; set; } = true;
}
