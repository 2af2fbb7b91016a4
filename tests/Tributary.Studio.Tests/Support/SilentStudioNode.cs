using Tributary.Studio.Placement;

namespace Tributary.Studio.Tests.Support;

/// <summary>A studio node that only reports (the test sends its reports): it counts calls and starts nothing.</summary>
public sealed class SilentStudioNode : IStudioNode
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Task<StudioStart> StartAsync(string studioId, string? movedFrom) => Count(StudioStart.NoCapacity);

    public Task SceneChangedAsync(string studioId) => Count(0);

    public Task DestinationAddedAsync(string studioId, string destinationId) => Count(0);

    public Task DestinationRemovedAsync(string studioId, string destinationId) => Count(0);

    public Task<bool> StopAsync(string studioId) => Count(false);

    public Task<StudioLiveStatus?> StatusAsync(string studioId) => Count<StudioLiveStatus?>(null);

    private Task<T> Count<T>(T value)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(value);
    }
}
