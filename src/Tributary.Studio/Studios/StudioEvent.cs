using Tributary.Studio.Destinations;

namespace Tributary.Studio.Studios;

/// <summary>One event of <c>studioEvents(studioId)</c>.</summary>
/// <param name="Kind">LIVE, SCENE_CHANGED, DESTINATION_STATE, MOVED or ENDED.</param>
/// <param name="StudioId">The studio.</param>
/// <param name="DestinationId">For DESTINATION_STATE: the destination.</param>
/// <param name="State">For DESTINATION_STATE: its new state.</param>
/// <param name="At">Unix ms.</param>
public sealed record StudioEvent(string Kind, string StudioId, string? DestinationId, DestinationState? State, long At);
