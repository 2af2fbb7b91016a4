namespace Tributary.Studio.Studios;

/// <summary>The kinds of <see cref="StudioEvent"/>.</summary>
public static class StudioEventKinds
{
    /// <summary>goLive started the pipeline.</summary>
    public const string Live = "LIVE";

    /// <summary>setScene changed what the program shows.</summary>
    public const string SceneChanged = "SCENE_CHANGED";

    /// <summary>A destination changed state (CONNECTING, LIVE, RECONNECTING, FAILED).</summary>
    public const string DestinationState = "DESTINATION_STATE";

    /// <summary>
    /// The studio node running the studio died or shut down and another node took the studio over from the stored
    /// scene and destinations (destinations reconnect; webhook <c>studio.moved</c>).
    /// </summary>
    public const string Moved = "MOVED";

    /// <summary>endLive stopped the pipeline.</summary>
    public const string Ended = "ENDED";

    /// <summary>The real-time topic of a studio's events.</summary>
    public static string Topic(string studioId) => "studio:" + studioId;
}
