using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Tributary.Hls.Tests.Signals;

// POST /data per-publisher token bucket on the server's clock (FakeTimeProvider: exact, no sleeps).
public sealed class UploadRateLimitTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private HlsHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await HlsHost.StartAsync(["--Hls:UploadsPerSecond=2", "--Hls:UploadBurst=3"], services: s => s.AddSingleton<TimeProvider>(_time));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Upload_over_the_publishers_rate_answers_429_with_reason_and_changes_nothing()
    {
        var (user, room) = _host.NewBroadcast();
        var (other, otherRoom) = _host.NewBroadcast();
        await _host.UploadOkAsync(user, DataSignals.Variant(room));
        await _host.UploadOkAsync(user, DataSignals.Part(room, 0, 0, independent: true));
        await _host.UploadOkAsync(user, DataSignals.Part(room, 0, 1));
        var before = await _host.Grain(user, room).GetStatusAsync();
        var playlistBefore = await _host.GetTextAsync($"/live/{user}/{room}/v0/playlist.m3u8");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/data")
        {
            Content = new StringContent(DataSignals.Part(room, 0, 2).ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _host.TokenFor(user));
        using var limited = await _host.Http.SendAsync(request);
        var json = System.Text.Json.Nodes.JsonNode.Parse(await limited.Content.ReadAsStringAsync())!;

        Assert.Equal(429, (int)limited.StatusCode);
        Assert.Equal(429, (int)json["c"]!);
        Assert.Equal("upload rate over 2 per second (burst 3); retry in 500 ms", (string)json["b"]!["msg"]!);
        Assert.Equal(TimeSpan.FromSeconds(1), limited.Headers.RetryAfter!.Delta);
        Assert.Equal(before, await _host.Grain(user, room).GetStatusAsync());
        Assert.Equal(playlistBefore, await _host.GetTextAsync($"/live/{user}/{room}/v0/playlist.m3u8"));

        // Another publisher has a bucket of its own.
        await _host.UploadOkAsync(other, DataSignals.Variant(otherRoom));

        // Half a second at 2/s refills one upload, and exactly one.
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await _host.UploadOkAsync(user, DataSignals.Part(room, 0, 2));
        var (again, _) = await _host.PostAsync(user, DataSignals.Part(room, 0, 3));
        Assert.Equal(429, again);
        Assert.DoesNotContain("seg0.3.m4s", await _host.GetTextAsync($"/live/{user}/{room}/v0/playlist.m3u8"), StringComparison.Ordinal);
    }
}
