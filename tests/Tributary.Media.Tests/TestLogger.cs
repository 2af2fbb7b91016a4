using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Tributary.Media.Tests;

/// <summary>Keeps every log line, copies it to the test output, and lets a test await a line.</summary>
public sealed class TestLogger(ITestOutputHelper? output = null) : ILogger, ILoggerFactory, ILoggerProvider
{
    private readonly ConcurrentQueue<(EventId Id, LogLevel Level, string Message)> _entries = new();
    private readonly List<(Func<EventId, string, bool> Match, TaskCompletionSource<string> Done)> _waiters = [];

    /// <summary>Every entry so far.</summary>
    public IReadOnlyCollection<(EventId Id, LogLevel Level, string Message)> Entries => _entries;

    /// <summary>Completes with the first message (past or future) that matches.</summary>
    public Task<string> WaitForAsync(Func<EventId, string, bool> match, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            foreach (var (id, _, message) in _entries)
            {
                if (match(id, message))
                {
                    return Task.FromResult(message);
                }
            }

            _waiters.Add((match, done));
        }

        return done.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, exception);
        lock (_waiters)
        {
            _entries.Enqueue((eventId, logLevel, message));
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(eventId, message))
                {
                    _waiters[i].Done.TrySetResult(message);
                    _waiters.RemoveAt(i);
                }
            }
        }

        if (Environment.GetEnvironmentVariable("TEST_LOG_FILE") is { Length: > 0 } file)
        {
            lock (_waiters)
            {
                File.AppendAllText(file, $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {eventId.Id} {message} {exception}\n");
            }
        }

        try
        {
            output?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {eventId.Id} {message}{(exception is null ? "" : " " + exception)}");
        }
        catch (InvalidOperationException)
        {
            // The test already ended.
        }
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}
