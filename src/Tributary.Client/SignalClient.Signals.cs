using System.Buffers;
using System.Text.Json;

namespace Tributary.Client;

public sealed partial class SignalClient
{
    /// <summary>JOIN: enters (or with <paramref name="create"/>, creates) a room. The ack's <c>b</c> holds <c>pps</c>, <c>pt</c>, <c>es</c>.</summary>
    public async Task<SignalMessage> JoinAsync(string roomId, RoomChannel channel, bool create = false, bool video = true, bool audio = true, CancellationToken cancellationToken = default)
    {
        var room = new JoinedRoom(roomId, channel, create, video, audio);
        var ack = await SendForAckAsync("join", room.JoinData(Session), "JOIN", roomId, cancellationToken).ConfigureAwait(false);
        if (ack.IsSuccess)
        {
            lock (_rooms)
            {
                _rooms[roomId] = room;
            }
        }

        return ack;
    }

    /// <summary>LEAVE.</summary>
    public async Task<SignalMessage> LeaveAsync(string roomId, RoomChannel? channel = null, CancellationToken cancellationToken = default)
    {
        var ack = await SendForAckAsync("leave", Data("LEAVE", roomId, ChannelOf(roomId, channel)), "LEAVE", roomId, cancellationToken).ConfigureAwait(false);
        if (ack.IsSuccess)
        {
            lock (_rooms)
            {
                _rooms.Remove(roomId);
            }
        }

        return ack;
    }

    /// <summary>UPDATE (<c>updateVideo</c>): this publisher's video and audio state.</summary>
    public Task<SignalMessage> UpdateAsync(string roomId, bool video, bool audio, RoomChannel? channel = null, CancellationToken cancellationToken = default) =>
        SendForAckAsync("updateVideo", Data("UPDATE", roomId, ChannelOf(roomId, channel), w =>
        {
            w.WriteBoolean("ve", video);
            w.WriteBoolean("ae", audio);
        }), "UPDATE", roomId, cancellationToken);

    /// <summary>HEARTBEAT with <c>send_ack</c>: the ack's <c>b</c> holds <c>rid</c>, <c>bid</c>, <c>pps</c>.</summary>
    public Task<SignalMessage> HeartbeatAsync(string roomId, RoomChannel? channel = null, CancellationToken cancellationToken = default) =>
        SendForAckAsync("heartbeat", HeartbeatData(roomId, ChannelOf(roomId, channel), true), "HEARTBEAT", roomId, cancellationToken);

    /// <summary>HEARTBEAT without ack (what the heartbeat loop sends).</summary>
    public Task SendHeartbeatAsync(string roomId, RoomChannel? channel = null, CancellationToken cancellationToken = default) =>
        SendAsync("heartbeat", HeartbeatData(roomId, ChannelOf(roomId, channel), false), cancellationToken);

    /// <summary>KICK (publishers): the target sessions are removed.</summary>
    public Task<SignalMessage> KickAsync(string roomId, SignalTarget target, RoomChannel? channel = null, CancellationToken cancellationToken = default) =>
        SendForAckAsync("kick", Data("KICK", roomId, ChannelOf(roomId, channel), w => WriteTarget(w, target)), "KICK", roomId, cancellationToken);

    /// <summary>PUBLISH_REQUEST (raise a hand): forwarded to the owner.</summary>
    public Task<SignalMessage> PublishRequestAsync(string roomId, bool video = true, bool audio = true, RoomChannel? channel = null, CancellationToken cancellationToken = default) =>
        SendForAckAsync("publishRequest", Data("PUBLISH_REQUEST", roomId, ChannelOf(roomId, channel), w =>
        {
            w.WriteBoolean("ve", video);
            w.WriteBoolean("ae", audio);
        }), "PUBLISH_REQUEST", roomId, cancellationToken);

    /// <summary>PUBLISH_ACCEPT (the owner): promotes the target.</summary>
    public Task<SignalMessage> PublishAcceptAsync(string roomId, SignalTarget target, RoomChannel? channel = null, CancellationToken cancellationToken = default) =>
        SendForAckAsync("publishAccept", Data("PUBLISH_ACCEPT", roomId, ChannelOf(roomId, channel), w => WriteTarget(w, target)), "PUBLISH_ACCEPT", roomId, cancellationToken);

    /// <summary>PUBLISH_REJECT.</summary>
    public Task<SignalMessage> PublishRejectAsync(string roomId, SignalTarget target, RoomChannel? channel = null, CancellationToken cancellationToken = default) =>
        SendForAckAsync("publishReject", Data("PUBLISH_REJECT", roomId, ChannelOf(roomId, channel), w => WriteTarget(w, target)), "PUBLISH_REJECT", roomId, cancellationToken);

    /// <summary>OFFER of a publisher's uplink (m2m, a2m): the ack's <c>b.sdp</c> is the answer.</summary>
    public Task<SignalMessage> OfferAsync(string roomId, string sdp, bool restarting = false, bool hlsForwarding = false, RoomChannel? channel = null, CancellationToken cancellationToken = default) =>
        SendForAckAsync("offer", Data("OFFER", roomId, ChannelOf(roomId, channel), w =>
        {
            w.WriteString("sdp", sdp);
            w.WriteStartObject("op");
            w.WriteBoolean("restarting", restarting);
            w.WriteBoolean("hlsForwarding", hlsForwarding);
            w.WriteEndObject();
        }), "OFFER", roomId, cancellationToken);

    /// <summary>WATCH a publisher (m2m, a2m): the ack's <c>b.pps[0].sdp</c> is the downlink offer.</summary>
    public Task<SignalMessage> WatchAsync(string roomId, SignalTarget publisher, RoomChannel? channel = null, CancellationToken cancellationToken = default) =>
        SendForAckAsync("watch", Data("WATCH", roomId, ChannelOf(roomId, channel), w => WriteTarget(w, publisher)), "WATCH", roomId, cancellationToken);

    /// <summary>ANSWER to a downlink offer (m2m, a2m).</summary>
    public Task<SignalMessage> AnswerAsync(string roomId, string sdp, SignalTarget publisher, RoomChannel? channel = null, CancellationToken cancellationToken = default) =>
        SendForAckAsync("answer", Data("ANSWER", roomId, ChannelOf(roomId, channel), w =>
        {
            w.WriteString("sdp", sdp);
            WriteTarget(w, publisher);
        }), "ANSWER", roomId, cancellationToken);

    /// <summary>SIMULCAST_UPDATE (m2m): <paramref name="layer"/> is <c>h</c>, <c>m</c>, <c>l</c> or <c>auto</c>.</summary>
    public Task<SignalMessage> SimulcastUpdateAsync(string roomId, SignalTarget publisher, string layer, RoomChannel? channel = null, CancellationToken cancellationToken = default) =>
        SendForAckAsync("simulcastUpdate", Data("SIMULCAST_UPDATE", roomId, ChannelOf(roomId, channel), w =>
        {
            WriteTarget(w, publisher);
            w.WriteString("sl", layer);
        }), "SIMULCAST_UPDATE", roomId, cancellationToken);

    /// <summary>
    /// OFFER, ANSWER or ICE without waiting for an ack: p2p relays (answered only when they fail, e.g. 4003)
    /// and m2m ICE trickle. <paramref name="signal"/> is <c>OFFER</c>, <c>ANSWER</c> or <c>ICE</c>.
    /// </summary>
    public Task SendSdpAsync(string roomId, string signal, string sdp, SignalTarget? to = null, RoomChannel? channel = null, CancellationToken cancellationToken = default)
    {
        var action = signal switch
        {
            "OFFER" => "offer",
            "ANSWER" => "answer",
            "ICE" => "iceCandidate",
            _ => throw new ArgumentException("OFFER, ANSWER or ICE", nameof(signal)),
        };
        return SendAsync(action, Data(signal, roomId, ChannelOf(roomId, channel), w =>
        {
            w.WriteString("sdp", sdp);
            if (to is not null)
            {
                WriteTarget(w, to);
            }
        }), cancellationToken);
    }

    private static string ChannelName(RoomChannel channel) => channel switch
    {
        RoomChannel.M2m => "m2m",
        RoomChannel.A2m => "a2m",
        RoomChannel.P2m => "p2m",
        _ => "p2p",
    };

    private static byte[] Envelope(string action, byte[] data) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("action", action);
        w.WritePropertyName("data");
        w.WriteRawValue(data, skipInputValidation: true);
        w.WriteEndObject();
    });

    private static void WriteTarget(Utf8JsonWriter w, SignalTarget target)
    {
        if (target.SessionId is null)
        {
            w.WriteString("to", target.UserId);
        }
        else
        {
            w.WriteStartObject("to");
            w.WriteString("userId", target.UserId);
            w.WriteString("sessionId", target.SessionId);
            w.WriteEndObject();
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Data(SignalSession session, string signal, string roomId, RoomChannel channel, Action<Utf8JsonWriter>? fields = null) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("s", signal);
        w.WriteString("ch", ChannelName(channel));
        w.WriteStartObject("ss");
        w.WriteString("userId", session.UserId);
        w.WriteString("sessionId", session.SessionId);
        w.WriteString("category", session.Category);
        w.WriteString("host", session.Host);
        w.WriteString("deviceId", session.DeviceId);
        w.WriteEndObject();
        w.WriteString("rid", roomId);
        fields?.Invoke(w);
        w.WriteEndObject();
    });

    private byte[] Data(string signal, string roomId, RoomChannel channel, Action<Utf8JsonWriter>? fields = null) => Data(Session, signal, roomId, channel, fields);

    private byte[] HeartbeatData(string roomId, RoomChannel channel, bool sendAck) => Data("HEARTBEAT", roomId, channel, w =>
    {
        w.WriteNumber("bid", Interlocked.Increment(ref _heartbeatId));
        w.WriteBoolean("send_ack", sendAck);
    });

    private RoomChannel ChannelOf(string roomId, RoomChannel? channel)
    {
        if (channel is { } given)
        {
            return given;
        }

        lock (_rooms)
        {
            return _rooms.TryGetValue(roomId, out var room)
                ? room.Channel
                : throw new InvalidOperationException($"room {roomId} was not joined by this client: pass its channel");
        }
    }

    private sealed record JoinedRoom(string RoomId, RoomChannel Channel, bool Creating, bool Video, bool Audio)
    {
        public byte[] JoinData(SignalSession session) => Data(session, "JOIN", RoomId, Channel, w =>
        {
            w.WriteBoolean("ve", Video);
            w.WriteBoolean("ae", Audio);
            w.WriteString("eg", "native");
            w.WriteStartObject("op");
            w.WriteBoolean("roomCreating", Creating);
            w.WriteEndObject();
        });
    }
}
