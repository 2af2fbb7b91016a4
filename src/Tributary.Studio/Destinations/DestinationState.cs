namespace Tributary.Studio.Destinations;

/// <summary>Where a destination's push is.</summary>
[GenerateSerializer]
public enum DestinationState
{
    /// <summary>The studio is not live: nothing is pushed.</summary>
    Offline,
    /// <summary>Connecting for the first time since goLive (or since it was added).</summary>
    Connecting,
    /// <summary>Media is flowing to the platform.</summary>
    Live,
    /// <summary>It was live and dropped: retrying with back-off.</summary>
    Reconnecting,
    /// <summary>Several attempts in a row failed; retries go on at the longest back-off.</summary>
    Failed,
}
