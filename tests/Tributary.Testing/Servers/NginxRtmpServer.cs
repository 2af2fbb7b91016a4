using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Xml.Linq;
using Tributary.Testing.Media;

namespace Tributary.Testing.Servers;

/// <summary>
/// A throwaway nginx with the RTMP module (Debian <c>nginx</c> + <c>libnginx-mod-rtmp</c>) on free loopback
/// ports: RTMP application <c>live</c> (a stand-in for YouTube/Twitch ingest) and an HTTP <c>/stat</c> page
/// (<c>rtmp_stat all</c>) that tells which publishers are connected. It can be stopped and started again on
/// the same ports, as a platform ingest that goes away and comes back.
/// </summary>
public sealed class NginxRtmpServer : IAsyncDisposable
{
    private const string Module = "/usr/lib/nginx/modules/ngx_rtmp_module.so";
    private readonly string _folder;
    private readonly NetworkNamespace? _ns;
    private Process? _process;

    private NginxRtmpServer(string folder, int rtmpPort, int httpPort, NetworkNamespace? ns)
    {
        _folder = folder;
        _ns = ns;
        RtmpPort = rtmpPort;
        HttpPort = httpPort;
    }

    /// <summary>The RTMP port (127.0.0.1).</summary>
    public int RtmpPort { get; }

    /// <summary>The HTTP port of <c>/stat</c>.</summary>
    public int HttpPort { get; }

    /// <summary>The ingest URL without a stream key: <c>rtmp://127.0.0.1:port/live</c>.</summary>
    public string IngestUrl => string.Create(CultureInfo.InvariantCulture, $"rtmp://127.0.0.1:{RtmpPort}/live");

    /// <summary>True while the server process runs.</summary>
    public bool Running => _process is { HasExited: false };

    /// <summary>Starts a server on new free ports (inside <paramref name="ns"/> when given, on its loopback).</summary>
    public static async Task<NginxRtmpServer> StartAsync(NetworkNamespace? ns = null)
    {
        ExternalProcess.Require("/usr/sbin/nginx", "nginx");
        ExternalProcess.Require(Module, "libnginx-mod-rtmp");
        var folder = Path.Combine(Path.GetTempPath(), $"nginx-rtmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var server = new NginxRtmpServer(folder, FreePort.Get(), FreePort.Get(), ns);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>(Re)starts the process on the same ports.</summary>
    public async Task StartAgainAsync()
    {
        var config = Path.Combine(_folder, "nginx.conf");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $$"""
            load_module {{Module}};
            daemon off;
            master_process off;
            pid {{_folder}}/nginx.pid;
            error_log {{_folder}}/error.log warn;
            events { worker_connections 128; }
            rtmp {
                server {
                    listen 127.0.0.1:{{RtmpPort}};
                    chunk_size 4096;
                    application live { live on; record off; }
                }
            }
            http {
                access_log off;
                client_body_temp_path {{_folder}}/body;
                proxy_temp_path {{_folder}}/proxy;
                fastcgi_temp_path {{_folder}}/fastcgi;
                uwsgi_temp_path {{_folder}}/uwsgi;
                scgi_temp_path {{_folder}}/scgi;
                server {
                    listen 127.0.0.1:{{HttpPort}};
                    location /stat { rtmp_stat all; }
                }
            }
            """));
        var process = _ns is null
            ? ExternalProcess.Start("/usr/sbin/nginx", "-p", _folder, "-c", config)
            : ExternalProcess.Start("ip", "netns", "exec", _ns.Name, "/usr/sbin/nginx", "-p", _folder, "-c", config);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill(process);
        _process = process;
        if (_ns is null)
        {
            await ExternalProcess.WaitForPortAsync(RtmpPort, TimeSpan.FromSeconds(30), process);
            await ExternalProcess.WaitForPortAsync(HttpPort, TimeSpan.FromSeconds(30), process);
        }
        else
        {
            await WaitInNamespaceAsync(_ns, RtmpPort, process);
            await WaitInNamespaceAsync(_ns, HttpPort, process);
        }
    }

    /// <summary>Kills the server (as a platform ingest that crashes); <see cref="StartAgainAsync"/> brings it back.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            Kill(process);
            await process.WaitForExitAsync();
            process.Dispose();
            _process = null;
        }
    }

    /// <summary>
    /// The publishers connected to application <c>live</c>, by stream name, with nginx's client id (a new
    /// connection gets a new id) — from the <c>/stat</c> page.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> PublishersAsync()
    {
        using var http = _ns is null ? new HttpClient() : new HttpClient(_ns.CreateHttpHandler());
        http.Timeout = TimeSpan.FromSeconds(10);
        var xml = XDocument.Parse(await http.GetStringAsync(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{HttpPort}/stat")));
        var publishers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var stream in xml.Descendants("stream"))
        {
            var name = stream.Element("name")?.Value;
            var publisher = stream.Elements("client").FirstOrDefault(c => c.Element("publishing") is not null);
            if (name is not null && publisher?.Element("id")?.Value is { } id)
            {
                publishers[name] = id;
            }
        }

        return publishers;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task WaitInNamespaceAsync(NetworkNamespace ns, int port, Process process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {process.ExitCode} before opening port {port}");
            }

            using var socket = ns.CreateSocket();
            try
            {
                await socket.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"nginx does not listen on port {port} in {ns.Name}");
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }
}
