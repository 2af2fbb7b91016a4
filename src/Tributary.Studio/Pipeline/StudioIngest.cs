using System.Globalization;
using Microsoft.Extensions.Logging;
using Tributary.Media.Processes;

namespace Tributary.Studio.Pipeline;

/// <summary>
/// The studio's ingest: an SRT listener (MPEG-TS, encrypted with the studio's secret as passphrase, so only an
/// encoder that knows it can connect) whose stream goes to the ingest's <see cref="SourceTap"/>. When the
/// encoder disconnects ffmpeg exits and the supervisor listens again.
/// </summary>
internal sealed class StudioIngest : IAsyncDisposable
{
    private readonly SupervisedProcess _process;

    public StudioIngest(StudioOptions options, string passphrase, int tapPort, ILogger logger, TimeProvider time)
    {
        Port = UdpPorts.FreeUdp();
        var host = options.IngestPublicHost ?? options.IngestListenAddress;
        Url = string.Create(CultureInfo.InvariantCulture, $"srt://{host}:{Port}?passphrase={passphrase}&pbkeylen=16");
        var listen = string.Create(CultureInfo.InvariantCulture, $"srt://{options.IngestListenAddress}:{Port}?mode=listener&passphrase={passphrase}&pbkeylen=16&latency=200000");
        _process = new SupervisedProcess(
            "studio-ingest",
            new ProcessCommand(options.FfmpegPath,
            [
                "-hide_banner", "-nostdin", "-loglevel", "error",
                "-i", listen,
                "-map", "0:v?", "-map", "0:a?", "-c", "copy", "-f", "mpegts",
                string.Create(CultureInfo.InvariantCulture, $"udp://127.0.0.1:{tapPort}?pkt_size=1316"),
            ]),
            new SupervisedProcessOptions
            {
                InitialRestartDelay = TimeSpan.FromMilliseconds(200),
                MaxRestartDelay = TimeSpan.FromSeconds(2),
                ShutdownGracePeriod = TimeSpan.FromSeconds(1),
            },
            null,
            new RedactingLogger(logger, passphrase),
            time);
    }

    /// <summary>The UDP port SRT listens on.</summary>
    public int Port { get; }

    /// <summary>The URL an encoder pushes to (it carries the passphrase: for the owner only).</summary>
    public string Url { get; }

    public void Start() => _process.Start();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
