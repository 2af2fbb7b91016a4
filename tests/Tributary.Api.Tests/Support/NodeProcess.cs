using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace Tributary.Api.Tests.Support;

/// <summary>A node script of <c>js/</c> running alongside the test, its stdout lines readable as they come.</summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly System.Text.StringBuilder _stderr = new();

    private NodeProcess(Process process) => _process = process;

    public static NodeProcess Start(string script, params string[] args)
    {
        var start = NodeScript.StartInfo(script, args);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var node = new NodeProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                node._lines.Writer.TryComplete();
            }
            else
            {
                node._lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (node._stderr) { node._stderr.AppendLine(e.Data); } } };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>The next stdout line parsed as JSON; fails after <paramref name="timeout"/> or at exit.</summary>
    public async Task<JsonElement> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            if (await _lines.Reader.WaitToReadAsync(cts.Token) && _lines.Reader.TryRead(out var line))
            {
                return JsonDocument.Parse(line).RootElement.Clone();
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new TimeoutException($"node wrote no more lines; stderr: {Stderr}");
    }

    /// <summary>Lines until one has <c>event</c> = <paramref name="kind"/>.</summary>
    public async Task<JsonElement> NextEventAsync(string kind, TimeSpan? timeout = null)
    {
        while (true)
        {
            var line = await NextAsync(timeout);
            if (line.GetProperty("event").GetString() == kind)
            {
                return line;
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
