using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Tributary.Hls.Tests.Broadcasts;

// Held requests time out on the server's clock: a FakeTimeProvider makes the 503 exact.
public sealed class BlockingTimeoutTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private HlsHost _host = null!;
    private BlockedRequests _blocked = null!;

    public async Task InitializeAsync()
    {
        _host = await HlsHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(_time));
        _blocked = new BlockedRequests(_host);
    }

    public async Task DisposeAsync()
    {
        _blocked.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Held_reload_answers_503_after_three_target_durations_and_not_before()
    {
        var (user, room) = _host.NewBroadcast();
        await DataSignals.UploadSegmentsAsync(_host, user, room, 1);
        var held = _host.Http.GetAsync($"/live/{user}/{room}/v0/playlist.m3u8?_HLS_msn=1");
        await _blocked.AtLeastAsync(1);

        _time.Advance(TimeSpan.FromMilliseconds(2_999));
        await _host.UploadOkAsync(user, DataSignals.Part(room, 1, 0));
        Assert.False(held.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        using var response = await held;
        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Delay_is_exactly_receipt_time_minus_timestamp()
    {
        var (user, room) = _host.NewBroadcast();
        var sent = _time.GetUtcNow().ToUnixTimeMilliseconds() - 1234;

        var (status, json) = await _host.PostAsync(user, DataSignals.Variant(room, timestamp: sent));

        Assert.Equal(200, status);
        Assert.Equal(1234, (long)json["b"]!["delay"]!);
    }
}
