using Tributary.Hls.Forwarding;
using Tributary.Hls.Ingest;

namespace Tributary.Hls.Tests.Forwarding;

// A studio's program broadcast (IBroadcastIngest.ApplyProgramAsync) lives as long as its packager sends, whether
// or not the room is live in signaling; an hlsForwarding broadcast in the same situation ends at the room check.
// The idle backstop is 3 s here: at 1 s a loaded CI machine once stalled the feeding loop past it (13 pieces refused).
public sealed class ProgramBroadcastTests : IAsyncLifetime
{
    private HlsHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await HlsHost.StartAsync(["--Hls:RoomCheckInterval=00:00:00.100", "--Hls:ProgramIdleTimeout=00:00:03"]);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Program_broadcast_outlives_room_checks_of_an_absent_room_and_ends_when_its_pieces_stop()
    {
        var ingest = _host.Host.GetRequiredService<IBroadcastIngest>();
        var roomId = Guid.NewGuid().ToString();
        var program = new ForwardedBroadcast("studio-" + Guid.NewGuid().ToString("N"), roomId, new HlsForwardingOptions(), ingest, TimeProvider.System, program: true);
        var forwarded = new ForwardedBroadcast("station-" + Guid.NewGuid().ToString("N"), roomId, new HlsForwardingOptions(), ingest, TimeProvider.System);
        foreach (var broadcast in new[] { program, forwarded })
        {
            await broadcast.AddAsync(new Fmp4Piece(true, [1, 2, 3], 0, false, "avc1.64001f,mp4a.40.2"));
        }

        // Twenty room checks (the room does not exist): the program goes on, the forwarded broadcast ends.
        for (var i = 0; i < 20; i++)
        {
            await program.AddAsync(new Fmp4Piece(false, [4, 5, 6, (byte)i], 0.1, true, null));
            await Task.Delay(100);
        }

        Assert.Equal(0, program.Refused);
        Assert.False((await _host.Grain(program.UserId, roomId).GetStatusAsync()).Ended);
        Assert.True((await _host.Grain(forwarded.UserId, roomId).GetStatusAsync()).Ended);
        var playlist = await _host.GetTextAsync($"/live/{program.UserId}/{roomId}/{ForwardedBroadcast.VariantId}/playlist.m3u8");
        Assert.Contains("#EXT-X-PART:", playlist, StringComparison.Ordinal);
        Assert.DoesNotContain("#EXT-X-ENDLIST", playlist, StringComparison.Ordinal);

        // The packager stops sending (its node died without ending it): the idle backstop ends it.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(await _host.Grain(program.UserId, roomId).GetStatusAsync()).Ended)
        {
            Assert.True(DateTime.UtcNow < deadline, "the idle program broadcast did not end");
            await Task.Delay(100);
        }
    }
}
