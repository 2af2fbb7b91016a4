namespace Tributary.Api.Realtime;

/// <summary>A subscriber did not keep up and was dropped (its buffer is bounded).</summary>
public sealed class SlowSubscriberException(string topic) : Exception($"Subscriber of '{topic}' fell behind and was dropped.")
{
    /// <summary>The topic.</summary>
    public string Topic { get; } = topic;
}
