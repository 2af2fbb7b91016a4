using Tributary.Fleet.Scaling;

namespace Tributary.Fleet.Tests.Scaling;

/// <summary>A provider that records calls and hands out ids; <see cref="Slots"/> bounds how many it can start.</summary>
internal sealed class RecordingProvider : IMunitProvider
{
    private int _next;

    public string Name => "recording";

    public int Slots { get; set; } = int.MaxValue;

    public bool FailStarts { get; set; }

    public List<string> Started { get; } = [];

    public List<string> Stopped { get; } = [];

    public Task<string?> StartAsync(CancellationToken cancellationToken)
    {
        if (FailStarts)
        {
            throw new InvalidOperationException("start failed");
        }

        if (Started.Count - Stopped.Count >= Slots)
        {
            return Task.FromResult<string?>(null);
        }

        var id = $"new{++_next}";
        Started.Add(id);
        return Task.FromResult<string?>(id);
    }

    public Task<bool> StopAsync(string munitId, CancellationToken cancellationToken)
    {
        Stopped.Add(munitId);
        return Task.FromResult(true);
    }
}
