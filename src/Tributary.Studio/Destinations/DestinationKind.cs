namespace Tributary.Studio.Destinations;

/// <summary>The platform a destination pushes to (all are RTMP or RTMPS ingest URLs).</summary>
public enum DestinationKind
{
    /// <summary>YouTube Live (rtmp://a.rtmp.youtube.com/live2).</summary>
    YouTube,
    /// <summary>Twitch (rtmp://live.twitch.tv/app or a regional ingest).</summary>
    Twitch,
    /// <summary>Facebook Live (rtmps://live-api-s.facebook.com:443/rtmp).</summary>
    Facebook,
    /// <summary>Any other RTMP/RTMPS server.</summary>
    Custom,
}
