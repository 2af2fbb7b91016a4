namespace Tributary.Media.Munits;

/// <summary>One munit (key: <see cref="MunitOptions.Id"/>): where its regulator's reports land and the control role reads them.</summary>
public interface IMunitGrain : IGrainWithStringKey
{
    /// <summary>A report from the munit's regulator; registers the munit with <see cref="IMunitRegistryGrain"/> on first sight.</summary>
    Task ReportAsync(MunitReport report);

    /// <summary>The last report and whether the munit went silent.</summary>
    Task<MunitStatus> GetStatusAsync();
}
