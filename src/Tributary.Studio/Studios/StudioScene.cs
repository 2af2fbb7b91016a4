namespace Tributary.Studio.Studios;

/// <summary>What the program shows: a layout, the on-stage sources in order, a title banner and a logo.</summary>
/// <param name="Layout">The layout.</param>
/// <param name="Stage">On-stage sources in slot order: publisher session ids, or <see cref="StudioScene.IngestSource"/>.</param>
/// <param name="Title">The banner text, or null for no banner.</param>
/// <param name="LogoUrl">Where the logo was fetched from (once, at setScene), or null.</param>
public sealed record StudioScene(StudioLayout Layout, IReadOnlyList<string> Stage, string? Title, string? LogoUrl)
{
    /// <summary>The stage entry naming the studio's own ingest (an external encoder).</summary>
    public const string IngestSource = "ingest";

    /// <summary>A new studio's scene: SOLO, empty stage, no banner, no logo.</summary>
    public static StudioScene Empty { get; } = new(StudioLayout.Solo, [], null, null);
}
