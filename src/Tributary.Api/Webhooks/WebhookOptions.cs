using System.ComponentModel.DataAnnotations;

namespace Tributary.Api.Webhooks;

/// <summary>Section <c>Webhooks</c>: delivery of events to registered HTTP endpoints.</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Webhooks";

    /// <summary>
    /// Allow endpoints on loopback, private, link-local and other non-public addresses. Default false:
    /// a webhook must not become a way to reach the cluster's internal services (SSRF).
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Time allowed for one delivery request. Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts before a delivery is dead-lettered. Default 8 (about 4 minutes of back-off from 2 s).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay before the first retry; doubles per attempt. Default 2 s.</summary>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Cap of the retry delay. Default 1 hour.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often due deliveries are looked for. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries claimed per round. Default 50.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Lease of a claimed delivery. Default 1 minute: longer than <see cref="Timeout"/>.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);
}
