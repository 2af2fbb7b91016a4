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

    /// <summary>endLive (or the node's shutdown) stopped the pipeline.</summary>
    public const string Ended = "ENDED";

    /// <summary>The real-time topic of a studio's events.</summary>
    public static string Topic(string studioId) => "studio:" + studioId;
}
