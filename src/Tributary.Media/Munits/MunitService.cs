using Microsoft.Extensions.Hosting;
using Tributary.Media.Janus;

namespace Tributary.Media.Munits;

/// <summary>
/// The media role's munit: starts the local Janus when the host starts (the host fails to start when
/// Janus cannot be started) and stops it, with the engine's session, when the host stops.
/// Capacity and load reports to a <c>MunitGrain</c> are not built yet (docs/media.md).
/// </summary>
public sealed class MunitService(JanusUnit unit, JanusMediaEngine engine) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => unit.StartAsync(cancellationToken);

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await engine.DisposeAsync().ConfigureAwait(false);
        await unit.StopAsync(cancellationToken).ConfigureAwait(false);
    }
}
