using System.ComponentModel.DataAnnotations;

namespace Tributary.Api.Chat;

/// <summary>Section <c>Chat</c>: room chat limits.</summary>
public sealed class ChatOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Chat";

    /// <summary>
    /// Messages one user may send to one room per <see cref="Window"/>. Default 5: a fast typist's
    /// burst, while a flood script is cut to one message a second.
    /// </summary>
    [Range(1, 1000)]
    public int MessagesPerWindow { get; set; } = 5;

    /// <summary>
    /// Messages one user may send to all rooms together per <see cref="Window"/>. Default 15: someone
    /// chatting in three rooms at once at the per-room pace, while a script cannot multiply the per-room
    /// limit by spraying many rooms.
    /// </summary>
    [Range(1, 10_000)]
    public int UserMessagesPerWindow { get; set; } = 15;

    /// <summary>The rate-limit window (both limits). Default 5 seconds.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Most (user, room) pairs and users tracked per node before idle ones are swept. Default 100000: about 10 MB
    /// at the worst, and far above the senders of one node's busiest minute.
    /// </summary>
    [Range(100, 10_000_000)]
    public int MaxTrackedSenders { get; set; } = 100_000;
}
