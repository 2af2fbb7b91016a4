using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Tributary.Media.Processes;

namespace Tributary.Media.Janus;

/// <summary>
/// The Janus half of a munit: writes a private configuration (<see cref="JanusConfiguration"/>), runs Janus
/// under a <see cref="SupervisedProcess"/> whose health probe is <c>GET /janus/info</c>, and opens
/// <see cref="JanusSession"/>s on it. Restarts keep the ports and secrets; sessions do not survive them.
/// </summary>
public sealed partial class JanusUnit : IAsyncDisposable
{
    private readonly JanusOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private JanusConfiguration? _configuration;
    private SupervisedProcess? _process;

    /// <summary>Creates a unit; nothing runs before <see cref="StartAsync"/>.</summary>
    public JanusUnit(JanusOptions options, ILoggerFactory loggerFactory, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<JanusUnit>();
        _time = timeProvider ?? TimeProvider.System;

        // Loopback only, one connection pool for the API, the admin API and the long polls; the long polls
        // hold connections, so allow more than a handful.
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The generated configuration (ports, secrets, folder); null before start.</summary>
    public JanusConfiguration? Configuration => _configuration;

    /// <summary>The supervised Janus process (restart events, pid); null before start.</summary>
    public SupervisedProcess? Process => _process;

    /// <summary>
    /// Writes the configuration, starts Janus and waits until <c>/janus/info</c> answers.
    /// </summary>
    /// <exception cref="JanusException">Janus is not installed, or did not answer within the start-up time (its last output is in the message).</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("The Janus unit was already started.");
        }

        if (!File.Exists(_options.ExecutablePath))
        {
            throw new JanusException(JanusErrorCodes.Unreachable, $"{_options.ExecutablePath} is missing: install the Debian package 'janus' (scripts/run and scripts/test do)");
        }

        var configuration = JanusConfiguration.Create(_options);
        _configuration = configuration;
        var command = new ProcessCommand(_options.ExecutablePath, ["-F", configuration.Folder, "-C", configuration.MainFile, "-o"], WorkingDirectory: configuration.Folder);
        _process = new SupervisedProcess("janus", command, _options.Process, ProbeAsync, _loggerFactory.CreateLogger<SupervisedProcess>(), _time);
        Log.Starting(_logger, configuration.HttpPort, configuration.AdminPort, configuration.Folder);
        _process.Start();
        try
        {
            await _process.WaitUntilHealthyAsync(cancellationToken).WaitAsync(_options.Process.StartupTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            var output = string.Join('\n', _process.RecentOutput.TakeLast(20));
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw new JanusException(JanusErrorCodes.Timeout, $"Janus did not answer /janus/info within {_options.Process.StartupTimeout}; its last output:\n{output}", false, e);
        }

        Log.Ready(_logger, configuration.ApiUri);
    }

    /// <summary>Opens a Janus session (with its long poll) on this unit.</summary>
    public Task<JanusSession> CreateSessionAsync(CancellationToken cancellationToken = default)
    {
        var configuration = _configuration ?? throw new InvalidOperationException("The Janus unit is not started.");
        return JanusSession.CreateAsync(_http, configuration.ApiUri, configuration.ApiSecret, _options, _loggerFactory.CreateLogger<JanusSession>(), _time, cancellationToken);
    }

    /// <summary>Janus's <c>/janus/info</c> answer.</summary>
    public async Task<JsonObject> GetInfoAsync(CancellationToken cancellationToken = default)
    {
        var configuration = _configuration ?? throw new InvalidOperationException("The Janus unit is not started.");
        using var deadline = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var text = await _http.GetStringAsync(new Uri(configuration.ApiUri.AbsoluteUri + "/info"), linked.Token).ConfigureAwait(false);
            return System.Text.Json.Nodes.JsonNode.Parse(text) as JsonObject ?? throw new JanusException(JanusErrorCodes.Unreachable, "/janus/info is not a JSON object");
        }
        catch (HttpRequestException e)
        {
            throw new JanusException(JanusErrorCodes.Unreachable, $"/janus/info failed: {e.Message}", false, e);
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new JanusException(JanusErrorCodes.Timeout, $"/janus/info did not answer within {_options.RequestTimeout}", false, e);
        }
    }

    /// <summary>
    /// An admin API request (e.g. <c>list_sessions</c>, or <c>list_handles</c> with <paramref name="sessionId"/>):
    /// how tests and operators see what Janus really holds, independent of our own bookkeeping.
    /// </summary>
    public Task<JsonObject> AdminAsync(string verb, long? sessionId = null, CancellationToken cancellationToken = default)
    {
        var configuration = _configuration ?? throw new InvalidOperationException("The Janus unit is not started.");
        var uri = sessionId is { } id ? new Uri($"{configuration.AdminUri.AbsoluteUri}/{id}") : configuration.AdminUri;
        var request = new JsonObject
        {
            ["janus"] = verb,
            ["transaction"] = Guid.NewGuid().ToString("N"),
            ["admin_secret"] = configuration.AdminSecret,
        };
        return JanusSession.PostAsync(_http, uri, request, _options.RequestTimeout, _time, cancellationToken);
    }

    /// <summary>The admin API's <c>handle_info</c> of one handle: its plugin's view (<c>plugin_specific</c>) and WebRTC statistics.</summary>
    public Task<JsonObject> HandleInfoAsync(long sessionId, long handleId, CancellationToken cancellationToken = default)
    {
        var configuration = _configuration ?? throw new InvalidOperationException("The Janus unit is not started.");
        var request = new JsonObject
        {
            ["janus"] = "handle_info",
            ["transaction"] = Guid.NewGuid().ToString("N"),
            ["admin_secret"] = configuration.AdminSecret,
        };
        return JanusSession.PostAsync(_http, new Uri($"{configuration.AdminUri.AbsoluteUri}/{sessionId}/{handleId}"), request, _options.RequestTimeout, _time, cancellationToken);
    }

    /// <summary>Stops Janus (SIGTERM, then SIGKILL after the grace period) and deletes a temporary configuration.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_process is { } process)
        {
            await process.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        _configuration?.DeleteIfTemporary();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (_process is { } process)
        {
            await process.DisposeAsync().ConfigureAwait(false);
        }

        _http.Dispose();
    }

    private async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        var info = await GetInfoAsync(cancellationToken).ConfigureAwait(false);
        return info["janus"]?.GetValue<string>() == "server_info";
    }
}
