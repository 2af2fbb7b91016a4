namespace Tributary.Media.Munits;

/// <summary>
/// Holds a munit's last report in memory: the regulator refreshes it every <see cref="MunitOptions.ReportInterval"/>,
/// so nothing is persisted. Every accepted report goes on to <see cref="IMunitRegistryGrain"/> (liveness, load for
/// placement). Not placed on the munit's own silo on purpose: when a media process dies with its silo,
/// this grain lives on elsewhere (or reactivates empty) and answers <see cref="MunitStatus.Silent"/>.
/// </summary>
internal sealed class MunitGrain(TimeProvider time) : Grain, IMunitGrain
{
    private MunitReport? _last;
    private DateTimeOffset? _receivedAt;
    private long _reports;

    private string MunitId => this.GetPrimaryKeyString();

    public async Task ReportAsync(MunitReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.MunitId != MunitId)
        {
            throw new ArgumentException($"report of munit {report.MunitId} sent to munit {MunitId}", nameof(report));
        }

        // A report overtaken by a newer one of the same regulator changes nothing. A restarted media process
        // starts its sequence again, so a lower sequence from a later time is a new regulator, not a late report.
        if (_last is { } last && report.Sequence <= last.Sequence && report.At <= last.At)
        {
            return;
        }

        _last = report;
        _receivedAt = time.GetUtcNow();
        _reports++;
        await GrainFactory.GetGrain<IMunitRegistryGrain>(IMunitRegistryGrain.Key).ReportAsync(report);
    }

    public Task<MunitStatus> GetStatusAsync()
    {
        var silent = _last is null || _receivedAt is null || time.GetUtcNow() - _receivedAt.Value > _last.SilentAfter;
        return Task.FromResult(new MunitStatus(MunitId, _last, _receivedAt, silent, _reports));
    }
}
