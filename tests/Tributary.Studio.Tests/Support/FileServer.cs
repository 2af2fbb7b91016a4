using System.Net;
using Tributary.Testing;

namespace Tributary.Studio.Tests.Support;

/// <summary>A tiny HTTP server on 127.0.0.1 serving fixed bodies (logos) by path.</summary>
public sealed class FileServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, (string ContentType, byte[] Body)> _files = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public FileServer()
    {
        Port = FreePort.Get();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Add(string path, string contentType, byte[] body)
    {
        lock (_files)
        {
            _files[path] = (contentType, body);
        }

        return $"http://127.0.0.1:{Port}{path}";
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            (string ContentType, byte[] Body) file;
            bool found;
            lock (_files)
            {
                found = _files.TryGetValue(context.Request.Url!.AbsolutePath, out file);
            }

            if (!found)
            {
                context.Response.StatusCode = 404;
                context.Response.Close();
                continue;
            }

            context.Response.ContentType = file.ContentType;
            context.Response.ContentLength64 = file.Body.Length;
            try
            {
                await context.Response.OutputStream.WriteAsync(file.Body);
                context.Response.Close();
            }
            catch (HttpListenerException)
            {
            }
        }
    }
}
