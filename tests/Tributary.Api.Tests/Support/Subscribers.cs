using System.Text.Json;
using Tributary.Api.Realtime;
using Tributary.Testing;

namespace Tributary.Api.Tests.Support;

/// <summary>graphql-ws subscribers (the npm client in a node process) and the barrier that they are live.</summary>
public static class Subscribers
{
    /// <summary>Starts <c>js/subscribe.mjs</c> against <paramref name="host"/>.</summary>
    public static NodeProcess Start(TributaryTestHost host, object? connectionParams, int count, params (string Query, object? Variables)[] operations) =>
        NodeProcess.Start("subscribe.mjs", JsonSerializer.Serialize(new
        {
            url = new Uri(host.WebSocketUri, "graphql").ToString(),
            connectionParams,
            count,
            operations = operations.Select(o => new { query = o.Query, variables = o.Variables }),
        }));

    /// <summary>
    /// Waits until <paramref name="host"/>'s hub holds <paramref name="count"/> subscriptions: from then
    /// on a published event reaches them (an explicit barrier instead of a sleep).
    /// </summary>
    public static async Task WaitForAsync(TributaryTestHost host, int count, NodeProcess? node = null)
    {
        var hub = host.GetRequiredService<TopicHub>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (hub.LocalSubscriberCount < count)
        {
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"{hub.LocalSubscriberCount} of {count} subscriptions live; node stderr: {node?.Stderr}");
            }

            await Task.Delay(20);
        }
    }
}
