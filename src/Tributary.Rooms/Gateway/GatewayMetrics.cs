using System.Diagnostics.Metrics;

namespace Tributary.Rooms.Gateway;

/// <summary>Meter <c>Tributary.Rooms</c>: sockets and why they were closed (exported at /metrics).</summary>
internal sealed class GatewayMetrics
{
    public const string MeterName = "Tributary.Rooms";

    public GatewayMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        Sockets = meter.CreateUpDownCounter<long>("tributary.signal.sockets", description: "Open /signal sockets.");
        Messages = meter.CreateCounter<long>("tributary.signal.messages", description: "Client messages received.");
        SlowClients = meter.CreateCounter<long>("tributary.signal.slow_client_disconnects", description: "Sockets dropped because their send queue was full.");
        TooBig = meter.CreateCounter<long>("tributary.signal.too_big_closes", description: "Sockets closed with 1009.");
        RateLimited = meter.CreateCounter<long>("tributary.signal.rate_limited_closes", description: "Sockets closed with 1008 for exceeding the rate limit.");
    }

    public UpDownCounter<long> Sockets { get; }

    public Counter<long> Messages { get; }

    public Counter<long> SlowClients { get; }

    public Counter<long> TooBig { get; }

    public Counter<long> RateLimited { get; }
}
