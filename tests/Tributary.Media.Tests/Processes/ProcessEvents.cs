using System.Threading.Channels;
using Tributary.Media.Processes;

namespace Tributary.Media.Tests.Processes;

/// <summary>Records a supervisor's events in order so a test can await the next one it expects.</summary>
public sealed class ProcessEvents
{
    /// <summary>Guards against a hung test; never an assertion on speed.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private readonly Channel<SupervisedProcessEvent> _events = Channel.CreateUnbounded<SupervisedProcessEvent>();
    private readonly List<SupervisedProcessEvent> _seen = [];

    public ProcessEvents(SupervisedProcess process) => process.Changed += e => _events.Writer.TryWrite(e);

    /// <summary>Every event consumed so far by <see cref="NextAsync"/>.</summary>
    public IReadOnlyList<SupervisedProcessEvent> Seen => _seen;

    /// <summary>Skips events until one of <paramref name="kind"/> (matching <paramref name="match"/>) arrives.</summary>
    public async Task<SupervisedProcessEvent> NextAsync(SupervisedProcessEventKind kind, Func<SupervisedProcessEvent, bool>? match = null)
    {
        using var guard = new CancellationTokenSource(Guard);
        while (true)
        {
            SupervisedProcessEvent e;
            try
            {
                e = await _events.Reader.ReadAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no {kind} event; seen: {string.Join(", ", _seen)}");
            }

            _seen.Add(e);
            if (e.Kind == kind && (match is null || match(e)))
            {
                return e;
            }
        }
    }
}
