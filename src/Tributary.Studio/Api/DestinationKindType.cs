using GraphQL.Types;
using Tributary.Studio.Destinations;

namespace Tributary.Studio.Api;

/// <summary>GraphQL enum <c>DestinationKind</c>.</summary>
public sealed class DestinationKindType : EnumerationGraphType
{
    /// <summary>Defines the values.</summary>
    public DestinationKindType()
    {
        Name = "DestinationKind";
        Description = "The platform a destination pushes to.";
        Add("YOUTUBE", DestinationKind.YouTube, "YouTube Live.");
        Add("TWITCH", DestinationKind.Twitch, "Twitch.");
        Add("FACEBOOK", DestinationKind.Facebook, "Facebook Live.");
        Add("CUSTOM", DestinationKind.Custom, "Any other RTMP/RTMPS server.");
    }
}
