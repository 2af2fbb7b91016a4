using System.ComponentModel.DataAnnotations;

namespace Tributary.Data.Outbox;

/// <summary>Section <c>Outbox</c>: the dispatcher of the <c>control</c> role.</summary>
public sealed class OutboxOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Outbox";

    /// <summary>How often the dispatcher looks for due events when nobody woke it. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Events claimed per round. Default 100: one round trip per hundred events under load.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How long a claimed event stays invisible to other dispatchers. Default 30 s: longer than a
    /// consumer may take; a dispatcher that dies releases its events when the lease runs out.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts before an event is dead-lettered. Default 10 (about 17 minutes of back-off).</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Delay before the first retry; doubles with each attempt. Default 1 s.</summary>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the retry delay. Default 5 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);
}
