using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tributary.Fleet.Providers;
using Tributary.Testing;

namespace Tributary.Fleet.Tests.Providers;

/// <summary>
/// The <c>kubernetes</c> provider against an in-process stub of the one API it calls (the StatefulSet's scale
/// subresource, GET and merge PATCH) on loopback: no cluster here, so the requests themselves are what is checked.
/// </summary>
public sealed class KubernetesMunitProviderTests
{
    private const string ScalePath = "/apis/apps/v1/namespaces/media-ns/statefulsets/tributary-media/scale";

    [Fact]
    public async Task Start_reads_the_scale_and_patches_one_more_replica_and_the_new_munit_is_the_next_pod()
    {
        await using var api = await StubApiServer.StartAsync(replicas: 2);
        using var provider = Provider(api);

        var id = await provider.StartAsync(CancellationToken.None);

        Assert.Equal("tributary-media-2", id);
        Assert.Equal(3, api.Replicas);
        Assert.Equal([$"GET {ScalePath}", $"PATCH {ScalePath}"], api.Requests.Select(r => $"{r.Method} {r.Path}"));
        var patch = api.Requests[1];
        Assert.Equal("application/merge-patch+json", patch.ContentType);
        Assert.Equal(3, JsonDocument.Parse(patch.Body).RootElement.GetProperty("spec").GetProperty("replicas").GetInt32());
    }

    [Fact]
    public async Task Start_at_MaxReplicas_answers_null_and_patches_nothing()
    {
        await using var api = await StubApiServer.StartAsync(replicas: 3);
        using var provider = Provider(api, maxReplicas: 3);

        Assert.Null(await provider.StartAsync(CancellationToken.None));

        Assert.Equal(3, api.Replicas);
        Assert.DoesNotContain(api.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task Stop_of_the_highest_ordinal_patches_one_replica_fewer()
    {
        await using var api = await StubApiServer.StartAsync(replicas: 3);
        using var provider = Provider(api);

        Assert.True(await provider.StopAsync("tributary-media-2", CancellationToken.None));

        Assert.Equal(2, api.Replicas);
        Assert.Equal(2, JsonDocument.Parse(api.Requests.Single(r => r.Method == "PATCH").Body).RootElement.GetProperty("spec").GetProperty("replicas").GetInt32());
    }

    [Fact]
    public async Task Scale_in_order_puts_the_highest_ordinal_first_and_foreign_ids_last()
    {
        await using var api = await StubApiServer.StartAsync(replicas: 3);
        using var provider = Provider(api);
        string[] munits = ["tributary-media-2", "other-set-9", "tributary-media-10", "tributary-media-0", "tributary-media-x"];

        var ordered = munits.Order(provider.ScaleInOrder).ToList();

        Assert.Equal(["tributary-media-10", "tributary-media-2", "tributary-media-0"], ordered.Take(3));
        Assert.Equal(["other-set-9", "tributary-media-x"], ordered.Skip(3).Order(StringComparer.Ordinal));
        Assert.Empty(api.Requests);
    }

    [Theory]
    [InlineData("tributary-media-0")]
    [InlineData("tributary-media-7")]
    [InlineData("other-set-2")]
    [InlineData("tributary-media-x")]
    public async Task Stop_of_a_munit_that_is_not_the_highest_pod_answers_false_and_changes_nothing(string munitId)
    {
        await using var api = await StubApiServer.StartAsync(replicas: 3);
        using var provider = Provider(api);

        Assert.False(await provider.StopAsync(munitId, CancellationToken.None));

        Assert.Equal(3, api.Replicas);
        Assert.DoesNotContain(api.Requests, r => r.Method == "PATCH");
    }

    private static KubernetesMunitProvider Provider(StubApiServer api, int maxReplicas = 100) =>
        new(new KubernetesMunitOptions { ApiServer = api.Address, Namespace = "media-ns", StatefulSet = "tributary-media", MaxReplicas = maxReplicas });

    private sealed record StubRequest(string Method, string Path, string? ContentType, string Body);

    /// <summary>Answers the scale subresource of one StatefulSet and records every request.</summary>
    private sealed class StubApiServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly List<StubRequest> _requests = [];
        private int _replicas;

        private StubApiServer(WebApplication app, int replicas, string address)
        {
            _app = app;
            _replicas = replicas;
            Address = address;
        }

        public string Address { get; }

        public int Replicas => Volatile.Read(ref _replicas);

        public IReadOnlyList<StubRequest> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        public static async Task<StubApiServer> StartAsync(int replicas)
        {
            var port = FreePort.Get();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var stub = new StubApiServer(app, replicas, $"http://127.0.0.1:{port}");
            app.Run(stub.HandleAsync);
            await app.StartAsync();
            return stub;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private async Task HandleAsync(HttpContext context)
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            lock (_requests)
            {
                _requests.Add(new StubRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty, context.Request.ContentType?.Split(';')[0], body));
            }

            if (context.Request.Path != ScalePath)
            {
                context.Response.StatusCode = 404;
                return;
            }

            if (HttpMethods.IsPatch(context.Request.Method))
            {
                Volatile.Write(ref _replicas, JsonDocument.Parse(body).RootElement.GetProperty("spec").GetProperty("replicas").GetInt32());
            }
            else if (!HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.StatusCode = 405;
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                apiVersion = "autoscaling/v1",
                kind = "Scale",
                metadata = new { name = "tributary-media", @namespace = "media-ns" },
                spec = new { replicas = Replicas },
                status = new { replicas = Replicas },
            }));
        }
    }
}
