namespace Tributary.Media.Munits;

/// <summary>
/// Holds a munit's last report in memory: the regulator refreshes it every <see cref="MunitOptions.ReportInterval"/>,
/// so nothing is persisted. A status copy only: the regulator sends the same report straight to
/// <see cref="IMunitRegistryGrain"/>, which alone judges liveness (this grain may live on a silo that just died, and a
/// report waiting on it must not make a healthy munit look silent — see docs/fleet.md, "Liveness"). Not placed on the munit's own silo on purpose: when a media process dies with its silo,
/// this grain lives on elsewhere (or reactivates empty) and answers <see cref="MunitStatus.Silent"/>.
/// </summary>
internal sealed class MunitGrain(TimeProvider time) : Grain, IMunitGrain
{
    private MunitReport? _last;
    private DateTimeOffset? _receivedAt;
    private long _reports;

    private string MunitId => this.GetPrimaryKeyString();

    public Task ReportAsync(MunitReport report)
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
            return Task.CompletedTask;
        }

        _last = report;
        _receivedAt = time.GetUtcNow();
        _reports++;
        return Task.CompletedTask;
    }

    public Task<MunitStatus> GetStatusAsync()
    {
        var silent = _last is null || _receivedAt is null || time.GetUtcNow() - _receivedAt.Value > _last.SilentAfter;
        return Task.FromResult(new MunitStatus(MunitId, _last, _receivedAt, silent, _reports));
    }
}
