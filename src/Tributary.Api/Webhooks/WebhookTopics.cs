namespace Tributary.Api.Webhooks;

/// <summary>The event types a webhook may subscribe to (issue 7).</summary>
public static class WebhookTopics
{
    /// <summary>Every topic, in documentation order.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "user.registered", "room.started", "room.ended", "participant.joined", "participant.left", "call.missed", "message.created",
        "studio.live", "studio.destination.failed", "studio.moved", "studio.ended",
    ];

    /// <summary>True for a known topic.</summary>
    public static bool IsKnown(string topic) => All.Contains(topic, StringComparer.Ordinal);
}
