namespace Tributary.Api.Webhooks;

/// <summary>A registered endpoint.</summary>
/// <param name="Id">Webhook id.</param>
/// <param name="Url">Where deliveries are POSTed.</param>
/// <param name="Events">Subscribed topics.</param>
/// <param name="CreatedBy">The admin who registered it.</param>
/// <param name="CreatedAt">Unix ms.</param>
/// <param name="Active">False once disabled.</param>
public sealed record Webhook(string Id, string Url, IReadOnlyList<string> Events, string CreatedBy, long CreatedAt, bool Active);
