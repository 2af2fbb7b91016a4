namespace Tributary.Api.Webhooks;

/// <summary>A new registration and its signing secret, returned once by createWebhook.</summary>
/// <param name="Webhook">The registration.</param>
/// <param name="Secret">The HMAC-SHA256 key of its signatures.</param>
public sealed record CreatedWebhook(Webhook Webhook, string Secret);
