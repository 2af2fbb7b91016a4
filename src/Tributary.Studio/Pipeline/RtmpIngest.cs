using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Tributary.Media.Processes;

namespace Tributary.Studio.Pipeline;

/// <summary>
/// The studio's RTMP ingest, for encoders that speak RTMP only (OBS's default): ffmpeg's own RTMP listener takes
/// any stream key, so a supervised nginx with the RTMP module listens instead, and its <c>on_publish</c> asks
/// <see cref="IngestKeyCheck"/> (a loopback HTTP endpoint of this studio) whether the key is the studio's. A
/// refused publisher is disconnected by nginx before any media flows. A supervised ffmpeg plays the stream back
/// from nginx (playing is allowed from loopback only) and sends it as MPEG-TS to the ingest's
/// <see cref="SourceTap"/>; while nobody publishes it times out and the supervisor starts it again.
/// </summary>
internal sealed class RtmpIngest : IAsyncDisposable
{
    private const string Application = "ingest";
    private readonly IngestKeyCheck _check;
    private readonly SupervisedProcess _nginx;
    private readonly SupervisedProcess _player;

    public RtmpIngest(StudioOptions options, string key, int tapPort, string folder, ILogger logger, TimeProvider time)
    {
        Port = UdpPorts.FreeTcp(IPAddress.Parse(options.IngestListenAddress));
        var host = options.IngestPublicHost ?? options.IngestListenAddress;
        Url = string.Create(CultureInfo.InvariantCulture, $"rtmp://{host}:{Port}/{Application}/{key}");
        _check = new IngestKeyCheck(key, Application, logger);
        var nginxFolder = Path.Combine(folder, "nginx");
        Directory.CreateDirectory(nginxFolder);
        var config = Path.Combine(nginxFolder, "nginx.conf");
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $$"""
            load_module {{options.RtmpModulePath}};
            daemon off;
            master_process off;
            pid {{nginxFolder}}/nginx.pid;
            error_log stderr warn;
            events { worker_connections 64; }
            rtmp {
                server {
                    listen {{options.IngestListenAddress}}:{{Port}};
                    chunk_size 4096;
                    application {{Application}} {
                        live on;
                        record off;
                        allow play 127.0.0.1;
                        deny play all;
                        notify_method post;
                        on_publish {{_check.Url}};
                    }
                }
            }
            """));
        var quiet = new SupervisedProcessOptions
        {
            InitialRestartDelay = TimeSpan.FromMilliseconds(200),
            MaxRestartDelay = TimeSpan.FromSeconds(2),
            ShutdownGracePeriod = TimeSpan.FromSeconds(1),
        };
        _nginx = new SupervisedProcess("studio-rtmp-ingest", new ProcessCommand(options.NginxPath, ["-e", "stderr", "-p", nginxFolder, "-c", config]), quiet, null, logger, time);
        _player = new SupervisedProcess(
            "studio-rtmp-ingest-player",
            new ProcessCommand(options.FfmpegPath,
            [
                "-hide_banner", "-nostdin", "-loglevel", "error",
                // No publisher: nginx holds the play request open without data; give up and ask again.
                "-rw_timeout", "5000000", "-analyzeduration", "1000000", "-probesize", "1000000",
                "-i", string.Create(CultureInfo.InvariantCulture, $"rtmp://127.0.0.1:{Port}/{Application}/{key}"),
                "-map", "0:v?", "-map", "0:a?", "-c", "copy", "-f", "mpegts",
                string.Create(CultureInfo.InvariantCulture, $"udp://127.0.0.1:{tapPort}?pkt_size=1316"),
            ]),
            quiet,
            null,
            new RedactingLogger(logger, key),
            time);
    }

    /// <summary>True when nginx and its RTMP module are installed (else the studio offers SRT only).</summary>
    public static bool IsAvailable(StudioOptions options) =>
        options.RtmpIngest && File.Exists(options.NginxPath) && File.Exists(options.RtmpModulePath);

    /// <summary>The RTMP port.</summary>
    public int Port { get; }

    /// <summary>The URL an encoder pushes to: server <c>rtmp://host:port/ingest</c>, stream key the studio's secret.</summary>
    public string Url { get; }

    /// <summary>Publishers refused so far (a wrong key).</summary>
    public int Refused => _check.Refused;

    public void Start()
    {
        _check.Start();
        _nginx.Start();
        _player.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await _player.DisposeAsync().ConfigureAwait(false);
        await _nginx.DisposeAsync().ConfigureAwait(false);
        await _check.DisposeAsync().ConfigureAwait(false);
    }
}
