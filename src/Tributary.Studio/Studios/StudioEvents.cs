using System.Text.Json;
using Tributary.Api.Realtime;
using Tributary.Studio.Destinations;

namespace Tributary.Studio.Studios;

/// <summary>Publishes studio events to the cluster's topic hub (the <c>studioEvents</c> subscription).</summary>
public sealed class StudioEvents(TopicHub hub, TimeProvider time)
{
    /// <summary>Publishes an event; a failure to publish is not the studio's failure.</summary>
    public async Task PublishAsync(string kind, string studioId, string? destinationId = null, DestinationState? state = null)
    {
        var studioEvent = new StudioEvent(kind, studioId, destinationId, state, time.GetUtcNow().ToUnixTimeMilliseconds());
        try
        {
            await hub.PublishAsync(new TopicEvent(StudioEventKinds.Topic(studioId), kind, JsonSerializer.Serialize(studioEvent, JsonSerializerOptions.Web))).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or Orleans.Runtime.OrleansException)
        {
            // Subscribers miss one event; the studio query still tells the truth.
        }
    }
}
