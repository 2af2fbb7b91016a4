using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Tributary.Studio.Sources;
using Tributary.Studio.Tests.Support;

namespace Tributary.Studio.Tests.Sources;

/// <summary>
/// The RTCP side of a video tap, against a UDP socket standing in for Janus's forwarder (it latches the way Janus
/// 1.1.2 does: empty RTP headers from its RTCP socket to the tap's RTCP port).
/// </summary>
public sealed class KeyframeRequesterTests
{
    [Fact]
    public async Task Before_the_forwarder_latches_nothing_is_sent_after_it_a_PLI_for_the_media_SSRC_goes_to_where_it_latched_from()
    {
        await using var requester = new KeyframeRequester(IPAddress.Loopback);
        using var janus = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        janus.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        Assert.False(requester.Latched);
        Assert.False(requester.Request(0x1234_5678));

        var latch = new byte[12];
        latch[0] = 0x80;
        await janus.SendToAsync(latch, SocketFlags.None, new IPEndPoint(IPAddress.Loopback, requester.Port));
        await Eventually.ReachAsync(() => Task.FromResult(requester.Latched), latched => latched, "the latch seen", TimeSpan.FromSeconds(10));

        Assert.True(requester.Request(0x1234_5678));
        var buffer = new byte[64];
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = await janus.ReceiveAsync(buffer, SocketFlags.None, wait.Token);

        Assert.Equal(12, received);
        Assert.Equal(0x81, buffer[0]); // V=2, FMT=1 (PLI)
        Assert.Equal(206, buffer[1]); // payload-specific feedback
        Assert.Equal(2, BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(2)));
        Assert.Equal(0x1234_5678u, BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(8)));
    }

    [Fact]
    public async Task A_disposed_requester_sends_nothing_and_does_not_throw()
    {
        var requester = new KeyframeRequester(IPAddress.Loopback);
        using var janus = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        janus.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await janus.SendToAsync(new byte[12], SocketFlags.None, new IPEndPoint(IPAddress.Loopback, requester.Port));
        await Eventually.ReachAsync(() => Task.FromResult(requester.Latched), latched => latched, "the latch seen", TimeSpan.FromSeconds(10));

        await requester.DisposeAsync();

        Assert.False(requester.Request(1));
    }
}
