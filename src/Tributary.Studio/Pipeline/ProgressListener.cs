using System.Net.Sockets;

namespace Tributary.Studio.Pipeline;

/// <summary>
/// A Unix socket that ffmpeg's <c>-progress unix://…</c> connects to (one connection per run): each block of
/// key=value lines becomes a <see cref="RelayProgress"/> for the callback.
/// </summary>
internal sealed class ProgressListener : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly CancellationTokenSource _stop = new();
    private readonly Action<RelayProgress> _onProgress;
    private Task? _loop;

    public ProgressListener(string path, Action<RelayProgress> onProgress)
    {
        Path = path;
        _onProgress = onProgress;
        File.Delete(path);
        _socket.Bind(new UnixDomainSocketEndPoint(path));
        _socket.Listen(4);
    }

    public string Path { get; }

    public void Start() => _loop = Task.Run(() => AcceptAsync(_stop.Token));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
        File.Delete(Path);
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ReadAsync(connection, cancellationToken), cancellationToken);
        }
    }

    private async Task ReadAsync(Socket connection, CancellationToken cancellationToken)
    {
        using (connection)
        {
            await using var stream = new NetworkStream(connection, ownsSocket: false);
            using var reader = new StreamReader(stream);
            var block = new Dictionary<string, string>(StringComparer.Ordinal);
            try
            {
                while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    var equals = line.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                    {
                        continue;
                    }

                    var key = line[..equals].Trim();
                    block[key] = line[(equals + 1)..].Trim();
                    if (key == "progress")
                    {
                        if (RelayProgress.Parse(block) is { } progress)
                        {
                            _onProgress(progress);
                        }

                        block.Clear();
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
            }
        }
    }
}
