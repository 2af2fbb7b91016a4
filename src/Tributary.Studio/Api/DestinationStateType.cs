using GraphQL.Types;
using Tributary.Studio.Destinations;

namespace Tributary.Studio.Api;

/// <summary>GraphQL enum <c>DestinationState</c>.</summary>
public sealed class DestinationStateType : EnumerationGraphType
{
    /// <summary>Defines the values.</summary>
    public DestinationStateType()
    {
        Name = "DestinationState";
        Description = "Where a destination's push is.";
        Add("OFFLINE", DestinationState.Offline, "The studio is not live.");
        Add("CONNECTING", DestinationState.Connecting, "Connecting for the first time since goLive.");
        Add("LIVE", DestinationState.Live, "Media is flowing to the platform.");
        Add("RECONNECTING", DestinationState.Reconnecting, "It dropped; retrying with back-off.");
        Add("FAILED", DestinationState.Failed, "Several attempts in a row failed; retries go on at the longest back-off.");
    }
}
