using System.Globalization;

namespace Tributary.Fleet.Providers;

/// <summary>The command line of one munit process: <c>tributary serve --roles media</c> with its own id, ports and data folder.</summary>
/// <param name="FileName">The program.</param>
/// <param name="Arguments">Its arguments, one argv entry each (never through a shell).</param>
public sealed record MunitProcessCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Builds the command for munit <paramref name="munitId"/> on <paramref name="ports"/> with data in <paramref name="dataFolder"/>.</summary>
    public static MunitProcessCommand Build(ProcessMunitOptions options, string munitId, MunitPorts ports, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(munitId);
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        var tributary = options.TributaryPath ?? Path.Combine(AppContext.BaseDirectory, "tributary.dll");
        var args = new List<string>();
        if (tributary.Length > 0)
        {
            args.Add(tributary);
        }

        args.AddRange([
            "serve", "--roles", "media",
            "--urls", Invariant($"http://127.0.0.1:{ports.Http}"),
            "--data-dir", dataFolder,
            $"--Media:Munit:Id={munitId}",
            Invariant($"--Media:Janus:Enabled={(options.JanusEnabled ? "true" : "false")}"),
            Invariant($"--Media:Janus:HttpPort={ports.JanusHttp}"),
            Invariant($"--Media:Janus:AdminPort={ports.JanusAdmin}"),
            Invariant($"--Media:Janus:RtpPortRange={ports.RtpFirst}-{ports.RtpLast}"),
            Invariant($"--Cluster:SiloPort={ports.Silo}"),
            Invariant($"--Cluster:GatewayPort={ports.Gateway}"),
        ]);
        args.AddRange(options.ExtraArguments);
        return new(options.ExecutablePath, args);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
