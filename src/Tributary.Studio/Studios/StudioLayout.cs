namespace Tributary.Studio.Studios;

/// <summary>How the on-stage sources share the 16:9 program picture.</summary>
public enum StudioLayout
{
    /// <summary>The first on-stage source fills the picture.</summary>
    Solo,
    /// <summary>The first two sources side by side, each half the width.</summary>
    SideBySide,
    /// <summary>Up to nine sources in a 2×2 or 3×3 grid.</summary>
    Grid,
    /// <summary>The first source large on the left, up to three more stacked small on the right.</summary>
    Speaker,
}
