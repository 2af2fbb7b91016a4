using System.ComponentModel.DataAnnotations;

namespace Tributary.Api.Realtime;

/// <summary>Section <c>Realtime</c>: per-node delivery of topic events to local subscribers.</summary>
public sealed class TopicHubOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Realtime";

    /// <summary>
    /// Events buffered per subscriber. Default 256: a subscriber that falls this far behind is dropped
    /// (its subscription completes with an error) instead of growing memory without bound.
    /// </summary>
    [Range(1, 100_000)]
    public int SubscriberBuffer { get; set; } = 256;

    /// <summary>How often a node refreshes its listeners on topic grains. Default 20 s (a third of the expiry).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(20);
}
