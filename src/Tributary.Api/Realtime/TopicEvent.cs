namespace Tributary.Api.Realtime;

/// <summary>One real-time event on a topic (e.g. <c>notifications:&lt;userId&gt;</c>, <c>messages:&lt;roomId&gt;</c>).</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Kind">What happened, e.g. <c>message.created</c>.</param>
/// <param name="Payload">JSON the subscription resolver turns into its result.</param>
[GenerateSerializer, Immutable]
public sealed record TopicEvent(
    [property: Id(0)] string Topic,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Payload);
