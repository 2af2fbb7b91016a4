using Tributary.Media.Janus;

namespace Tributary.Media.Tests.Janus;

/// <summary>One real Janus shared by a test class.</summary>
public sealed class JanusFixture : IAsyncLifetime
{
    public TestLogger Logger { get; } = new();

    public JanusUnit Unit { get; private set; } = null!;

    public async Task InitializeAsync() => Unit = await JanusTestUnits.StartAsync(Logger);

    public async Task DisposeAsync() => await Unit.DisposeAsync();
}
