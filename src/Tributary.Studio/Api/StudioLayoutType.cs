using GraphQL.Types;
using Tributary.Studio.Studios;

namespace Tributary.Studio.Api;

/// <summary>GraphQL enum <c>StudioLayout</c>.</summary>
public sealed class StudioLayoutType : EnumerationGraphType
{
    /// <summary>Defines the values.</summary>
    public StudioLayoutType()
    {
        Name = "StudioLayout";
        Description = "How the on-stage sources share the program picture.";
        Add("SOLO", StudioLayout.Solo, "The first on-stage source fills the picture.");
        Add("SIDE_BY_SIDE", StudioLayout.SideBySide, "The first two sources side by side.");
        Add("GRID", StudioLayout.Grid, "Up to nine sources in a 2×2 or 3×3 grid.");
        Add("SPEAKER", StudioLayout.Speaker, "The first source large, up to three more small on the right.");
    }
}
