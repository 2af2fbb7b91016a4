namespace Tributary.Studio.Placement;

/// <summary>
/// <see cref="IStudioRegistryGrain"/>: nodes, their last report and the slots reserved by placements not yet reported.
/// A node is alive while its last report is younger than the silence limit it announced. A studio goes to the live
/// node with a free slot and the lowest <see cref="Score"/> (slots in use and CPU).
/// </summary>
internal sealed class StudioRegistryGrain(TimeProvider time) : Grain, IStudioRegistryGrain
{
    /// <summary>A placement's reserved slot lapses after this long when the node never reports the studio.</summary>
    private static readonly TimeSpan ReservationLifetime = TimeSpan.FromSeconds(15);

    private readonly Dictionary<string, NodeEntry> _nodes = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _activatedAt = time.GetUtcNow();

    /// <inheritdoc />
    public Task<StudioClusterView> ReportAsync(StudioNodeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = time.GetUtcNow();
        if (!_nodes.TryGetValue(report.NodeId, out var entry))
        {
            entry = new NodeEntry();
            _nodes[report.NodeId] = entry;
        }

        entry.Report = report;
        entry.LastReport = now;
        entry.Left = false;
        foreach (var studioId in report.Studios)
        {
            entry.Reserved.Remove(studioId);
        }

        Forget(now);
        var longest = _nodes.Values.Select(n => n.Report.DeadAfter).DefaultIfEmpty(report.DeadAfter).Max();
        var live = _nodes.Where(n => IsAlive(n.Value, now)).Select(n => n.Key).Order(StringComparer.Ordinal).ToList();
        return Task.FromResult(new StudioClusterView(live, now - _activatedAt > longest));
    }

    /// <inheritdoc />
    public Task LeaveAsync(string nodeId)
    {
        if (_nodes.TryGetValue(nodeId, out var entry))
        {
            entry.Left = true;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<StudioPlacement?> PlaceAsync(string studioId, string? excludeNodeId)
    {
        var now = time.GetUtcNow();
        var best = _nodes
            .Where(n => n.Key != excludeNodeId && IsAlive(n.Value, now))
            .Select(n => (Id: n.Key, Entry: n.Value, Load: Load(n.Value, now)))
            .Where(n => n.Load < n.Entry.Report.Capacity)
            .OrderBy(n => Score(n.Load, n.Entry.Report))
            .ThenBy(n => n.Load)
            .ThenBy(n => n.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        if (best.Entry is null)
        {
            return Task.FromResult<StudioPlacement?>(null);
        }

        best.Entry.Reserved[studioId] = now;
        return Task.FromResult<StudioPlacement?>(new StudioPlacement(best.Id, best.Entry.Report.Node));
    }

    /// <inheritdoc />
    public Task<IStudioNode?> NodeAsync(string nodeId) =>
        Task.FromResult(_nodes.TryGetValue(nodeId, out var entry) && IsAlive(entry, time.GetUtcNow()) ? entry.Report.Node : null);

    /// <inheritdoc />
    public Task<IReadOnlyList<StudioNodeLoad>> LoadsAsync()
    {
        var now = time.GetUtcNow();
        IReadOnlyList<StudioNodeLoad> loads = _nodes.Where(n => IsAlive(n.Value, now))
            .OrderBy(n => n.Key, StringComparer.Ordinal)
            .Select(n => new StudioNodeLoad(n.Key, Load(n.Value, now), n.Value.Report.Capacity, n.Value.Report.CpuBusy))
            .ToList();
        return Task.FromResult(loads);
    }

    /// <summary>
    /// Lower is better: the share of the node's studio slots in use plus its machine's CPU busy share. Slots alone
    /// would send a studio to an idle-looking node whose cores are taken by something else (a munit, another role);
    /// CPU alone would pile studios onto a node between two reports (its CPU rises only once they run).
    /// </summary>
    private static double Score(int load, StudioNodeReport report) => ((double)load / report.Capacity) + report.CpuBusy;

    private static bool IsAlive(NodeEntry entry, DateTimeOffset now) => !entry.Left && now - entry.LastReport <= entry.Report.DeadAfter;

    private static int Load(NodeEntry entry, DateTimeOffset now)
    {
        foreach (var (studioId, at) in entry.Reserved.ToList())
        {
            if (now - at > ReservationLifetime)
            {
                entry.Reserved.Remove(studioId);
            }
        }

        return entry.Report.Studios.Count + entry.Reserved.Keys.Count(s => !entry.Report.Studios.Contains(s, StringComparer.Ordinal));
    }

    // Nodes dead for a long time are dropped, so ids of restarted processes do not pile up.
    private void Forget(DateTimeOffset now)
    {
        foreach (var (id, entry) in _nodes.ToList())
        {
            if (now - entry.LastReport > TimeSpan.FromMinutes(10))
            {
                _nodes.Remove(id);
            }
        }
    }

    private sealed class NodeEntry
    {
        public StudioNodeReport Report { get; set; } = null!;

        public DateTimeOffset LastReport { get; set; }

        public bool Left { get; set; }

        public Dictionary<string, DateTimeOffset> Reserved { get; } = new(StringComparer.Ordinal);
    }
}
