using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tributary.Testing;

namespace Tributary.Api.Tests.Webhooks;

/// <summary>A local HTTP endpoint standing in for a customer's webhook receiver.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();
    private readonly ConcurrentQueue<int> _answers = new();

    private WebhookReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = FreePort.Get();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, $"http://127.0.0.1:{port}/hook");
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var status = receiver._answers.TryDequeue(out var s) ? s : 200;
            await receiver._received.Writer.WriteAsync(new Received(
                buffer.ToArray(),
                request.Headers["Tributary-Signature"].ToString(),
                request.Headers["Tributary-Event"].ToString(),
                request.Headers["Tributary-Event-Id"].ToString(),
                status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The next requests will be answered with these statuses, in order; then 200.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var s in statuses)
        {
            _answers.Enqueue(s);
        }
    }

    public async Task<Received> NextAsync() =>
        await _received.Reader.ReadAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

    public bool TryTake(out Received? received) => _received.Reader.TryRead(out received);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed record Received(byte[] Body, string Signature, string Topic, string EventId, int AnsweredWith);
}
