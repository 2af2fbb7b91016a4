using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Tributary.Studio.Pipeline;

/// <summary>
/// The endpoint nginx-rtmp's <c>on_publish</c> calls (a form POST with <c>app</c> and <c>name</c>, the stream
/// key): 200 lets the publisher in, 403 makes nginx drop it. It listens on loopback only, on a port of its own,
/// so the check is not reachable from outside the node. Keys are compared in constant time.
/// </summary>
internal sealed partial class IngestKeyCheck : IAsyncDisposable
{
    // nginx's notify body is a few hundred bytes; anything much larger is not nginx.
    private const int MaxBodyBytes = 8192;
    private readonly HttpListener _listener = new();
    private readonly byte[] _key;
    private readonly string _application;
    private readonly ILogger _logger;
    private Task? _loop;
    private int _refused;

    public IngestKeyCheck(string key, string application, ILogger logger)
    {
        _key = Encoding.UTF8.GetBytes(key);
        _application = application;
        _logger = logger;
        var port = UdpPorts.FreeTcp(IPAddress.Loopback);
        Url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/publish");
        _listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
    }

    /// <summary>The URL for nginx's <c>on_publish</c>.</summary>
    public string Url { get; }

    /// <summary>Publishers refused so far.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public void Start()
    {
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Close();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
    }

    /// <summary>True when the form body names this studio's application and key.</summary>
    internal bool Allows(string form, out string? address)
    {
        address = null;
        string? app = null;
        string? name = null;
        foreach (var pair in form.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var value = WebUtility.UrlDecode(pair[(equals + 1)..]);
            switch (pair[..equals])
            {
                case "app":
                    app = value;
                    break;
                case "name":
                    name = value;
                    break;
                case "addr":
                    address = value;
                    break;
                default:
                    break;
            }
        }

        return app == _application && name is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(name), _key);
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                var allowed = false;
                string? address = null;
                if (context.Request.HttpMethod == "POST" && context.Request.ContentLength64 <= MaxBodyBytes)
                {
                    var body = new byte[MaxBodyBytes];
                    var length = 0;
                    int read;
                    while (length < body.Length && (read = await context.Request.InputStream.ReadAsync(body.AsMemory(length)).ConfigureAwait(false)) > 0)
                    {
                        length += read;
                    }

                    allowed = Allows(Encoding.UTF8.GetString(body, 0, length), out address);
                }

                if (!allowed)
                {
                    Interlocked.Increment(ref _refused);
                    LogRefused(_logger, address ?? "?");
                }

                context.Response.StatusCode = allowed ? 200 : 403;
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                context.Response.Abort();
            }
        }
    }

    [LoggerMessage(EventId = 7240, Level = LogLevel.Warning, Message = "Studio RTMP ingest: a publisher with a wrong stream key was refused from {Address}")]
    private static partial void LogRefused(ILogger logger, string address);
}
