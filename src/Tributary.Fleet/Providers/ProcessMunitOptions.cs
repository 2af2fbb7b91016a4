namespace Tributary.Fleet.Providers;

/// <summary>
/// Section <c>Fleet:Process</c>: how the <c>process</c> provider starts local <c>tributary serve --roles media</c>
/// processes. Munit number <c>n</c> (its slot) gets a block of <see cref="PortStride"/> TCP ports from
/// <see cref="FirstPort"/> + n × <see cref="PortStride"/> (HTTP, Janus HTTP, Janus admin, silo, gateway) and its own
/// Janus RTP range of <see cref="RtpPortsPerMunit"/> UDP ports from <see cref="FirstRtpPort"/> + n × <see cref="RtpPortsPerMunit"/>.
/// </summary>
public sealed class ProcessMunitOptions
{
    /// <summary>The program to run. Default <c>dotnet</c> (with <see cref="TributaryPath"/> as its first argument).</summary>
    public string ExecutablePath { get; set; } = "dotnet";

    /// <summary>
    /// The first argument: the server's <c>tributary.dll</c>. Default null: <c>tributary.dll</c> beside the running
    /// program (the control role is the same build). Empty when <see cref="ExecutablePath"/> is the server itself.
    /// </summary>
    public string? TributaryPath { get; set; }

    /// <summary>Where each munit's data folder goes (<c>{folder}/{munit id}</c>, deleted at stop). Default null: a temp folder.</summary>
    public string? DataFolder { get; set; }

    /// <summary>Prefix of the munit ids this provider makes (<c>{prefix}{slot}-{start number}</c>). Default <c>proc</c>.</summary>
    public string MunitIdPrefix { get; set; } = "proc";

    /// <summary>First TCP port of slot 0. Default 17000: clear of the server's defaults (HTTP 5000, silo 11111, gateway 30000).</summary>
    public int FirstPort { get; set; } = 17_000;

    /// <summary>TCP ports per slot (five used, the rest spare). Default 10.</summary>
    public int PortStride { get; set; } = 10;

    /// <summary>First UDP port of slot 0's Janus RTP range. Default 20000, Janus's own default start.</summary>
    public int FirstRtpPort { get; set; } = 20_000;

    /// <summary>UDP ports per munit for media. Default 1000: two per downlink and station with plenty to spare at 300 downlinks.</summary>
    public int RtpPortsPerMunit { get; set; } = 1000;

    /// <summary>Most munit processes at once (also bounded by the port ranges). Default 16: one machine's worth.</summary>
    public int MaxProcesses { get; set; } = 16;

    /// <summary>Passes <c>Media:Janus:Enabled</c> to each process. Default true; false runs munit processes without Janus (tests of the lifecycle).</summary>
    public bool JanusEnabled { get; set; } = true;

    /// <summary>Extra arguments for every process (cluster membership, logging), e.g. <c>--Cluster:Redis=...</c>. Default none.</summary>
    public IList<string> ExtraArguments { get; } = [];

    /// <summary>Time between SIGTERM and SIGKILL when stopping a munit process. Default 10 s: the server stops Janus (5 s grace) first.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many slots the port settings allow, capped by <see cref="MaxProcesses"/>.</summary>
    public int Slots =>
        PortStride < 5 || RtpPortsPerMunit < 2 ? 0
        : Math.Max(0, Math.Min(MaxProcesses, Math.Min((65_536 - FirstPort) / PortStride, (65_536 - FirstRtpPort) / RtpPortsPerMunit)));

    /// <summary>What is wrong with these settings; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(ExecutablePath))
        {
            yield return "ExecutablePath is required.";
        }

        if (string.IsNullOrWhiteSpace(MunitIdPrefix) || MunitIdPrefix.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
        {
            yield return "MunitIdPrefix must be ASCII letters, digits or '-'.";
        }

        if (FirstPort is < 1024 or > 65_535 || FirstRtpPort is < 1024 or > 65_535)
        {
            yield return "FirstPort and FirstRtpPort must be between 1024 and 65535.";
        }

        if (PortStride < 5)
        {
            yield return "PortStride must be at least 5 (HTTP, Janus HTTP, Janus admin, silo, gateway).";
        }

        if (RtpPortsPerMunit < 2)
        {
            yield return "RtpPortsPerMunit must be at least 2.";
        }

        if (MaxProcesses < 1)
        {
            yield return "MaxProcesses must be at least 1.";
        }

        var tcpEnd = (long)FirstPort + ((long)PortStride * Math.Max(1, MaxProcesses));
        var rtpEnd = (long)FirstRtpPort + ((long)RtpPortsPerMunit * Math.Max(1, MaxProcesses));
        if (FirstPort < rtpEnd && FirstRtpPort < tcpEnd)
        {
            yield return "the TCP port blocks and the RTP port ranges overlap.";
        }

        if (ShutdownGracePeriod < TimeSpan.Zero)
        {
            yield return "ShutdownGracePeriod must not be negative.";
        }
    }
}
