using Orleans.Concurrency;

namespace Tributary.Media.Munits;

/// <summary>One munit (key: <see cref="MunitOptions.Id"/>): where its regulator's reports land and the control role reads them.</summary>
public interface IMunitGrain : IGrainWithStringKey
{
    /// <summary>A report from the munit's regulator; registers the munit with <see cref="IMunitRegistryGrain"/> on first sight.</summary>
    Task ReportAsync(MunitReport report);

    /// <summary>
    /// The last report and whether the munit went silent. Interleaves (it only reads): the registry lists statuses
    /// while a report of the same munit may be waiting on the registry, which would otherwise deadlock until timeout.
    /// </summary>
    [AlwaysInterleave]
    Task<MunitStatus> GetStatusAsync();
}
