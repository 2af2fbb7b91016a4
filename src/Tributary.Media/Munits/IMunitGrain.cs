using Orleans.Concurrency;

namespace Tributary.Media.Munits;

/// <summary>One munit (key: <see cref="MunitOptions.Id"/>): where its regulator's reports land and the control role reads them.</summary>
public interface IMunitGrain : IGrainWithStringKey
{
    /// <summary>A copy of the report the munit's regulator sent to <see cref="IMunitRegistryGrain"/> (which judges liveness).</summary>
    Task ReportAsync(MunitReport report);

    /// <summary>
    /// The last report and whether the munit went silent. Interleaves (it only reads).
    /// </summary>
    [AlwaysInterleave]
    Task<MunitStatus> GetStatusAsync();
}
