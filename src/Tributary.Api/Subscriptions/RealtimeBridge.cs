using Microsoft.Extensions.Hosting;
using Tributary.Data.Chat;
using Tributary.Data.Notifications;

namespace Tributary.Api.Subscriptions;

/// <summary>
/// Forwards the stores' after-commit events (<see cref="NotificationStore.Added"/>,
/// <see cref="ChatStore.Sent"/>) of this process to the cluster's topics, so every notification and
/// message written anywhere in this node reaches subscribers on every node.
/// </summary>
public sealed class RealtimeBridge(NotificationStore notifications, ChatStore chat, RealtimePublisher publisher) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        notifications.Added += OnNotification;
        chat.Sent += OnMessage;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        notifications.Added -= OnNotification;
        chat.Sent -= OnMessage;
        return Task.CompletedTask;
    }

    // Fire and forget: the publisher never throws, and the writer must not wait for the fan-out.
    private void OnNotification(Notification notification) => _ = publisher.NotificationAsync(notification);

    private void OnMessage(ChatMessage message) => _ = publisher.MessageAsync(message);
}
