using System.Text.Json;
using Tributary.Rooms.Protocol;

namespace Tributary.Rooms.Grains;

internal sealed partial class RoomGrain
{
    private string RidBody() => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("rid", RoomId);
        w.WriteEndObject();
    });

    /// <summary>JOIN ack: <c>pps, rid, pt, eg, es{icfg{is}, sdps, hls{url}}</c>.</summary>
    private string JoinBody(RoomMember member, List<(string SessionId, string Sdp)>? offers = null, string? hlsUrl = null) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        WritePublishers(w);
        w.WriteString("rid", RoomId);
        w.WriteString("pt", RoleOf(member));
        w.WriteString("eg", "native");
        w.WriteStartObject("es");
        w.WriteStartObject("icfg");
        w.WriteStartArray("is");
        foreach (var server in _ice.For(member.Session.UserId))
        {
            if (string.IsNullOrEmpty(server.Username))
            {
                foreach (var url in server.Urls)
                {
                    w.WriteStringValue(url);
                }
            }
            else
            {
                w.WriteStartObject();
                w.WriteStartArray("urls");
                foreach (var url in server.Urls)
                {
                    w.WriteStringValue(url);
                }

                w.WriteEndArray();
                w.WriteString("username", server.Username);
                w.WriteString("credential", server.Credential);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
        if (Room.Kind is RoomKind.M2m or RoomKind.A2m)
        {
            w.WriteStartArray("sdps");
            foreach (var (sessionId, sdp) in offers ?? [])
            {
                w.WriteStartObject();
                w.WriteString("id", sessionId);
                w.WriteString("sdp", sdp);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (hlsUrl is not null)
        {
            w.WriteStartObject("hls");
            w.WriteString("url", hlsUrl);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>HEARTBEAT ack: <c>rid, bid, pps</c>.</summary>
    private string HeartbeatBody(string? heartbeatId) => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("rid", RoomId);
        w.WritePropertyName("bid");
        w.WriteRawValue(heartbeatId ?? "null", skipInputValidation: true);
        WritePublishers(w);
        w.WriteEndObject();
    });

    /// <summary><c>pps</c> as in JOIN: <c>{id, role, video, audio, publish, userId, host, category, deviceId}</c>.</summary>
    private void WritePublishers(Utf8JsonWriter w)
    {
        w.WriteStartArray("pps");
        var owner = Owner();
        foreach (var p in Publishers())
        {
            w.WriteStartObject();
            w.WriteString("id", p.Session.SessionId);
            w.WriteString("role", ReferenceEquals(p, owner) ? "admin" : "publisher");
            w.WriteBoolean("video", p.Video);
            w.WriteBoolean("audio", p.Audio);
            w.WriteBoolean("publish", p.Publishing);
            w.WriteString("userId", p.Session.UserId);
            w.WriteString("host", p.Session.Host);
            w.WriteString("category", p.Session.Category);
            w.WriteString("deviceId", p.Session.DeviceId);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>PUBLISH_LIST_CHANGED: <c>{c:200, s, b:{rid, pps:[{id (userId), video, audio, username, fullname, avatar, sessionId, host, category, deviceId}]}}</c>.</summary>
    private string PublishListBody() => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("c", SignalCodes.Ok);
        w.WriteString("s", SignalNames.PublishListChanged);
        w.WriteStartObject("b");
        w.WriteString("rid", RoomId);
        w.WriteStartArray("pps");
        foreach (var p in Publishers())
        {
            w.WriteStartObject();
            w.WriteString("id", p.Session.UserId);
            w.WriteBoolean("video", p.Video);
            w.WriteBoolean("audio", p.Audio);
            w.WriteString("username", p.Username);
            w.WriteString("fullname", p.Fullname);
            w.WriteString("avatar", p.Avatar);
            w.WriteString("sessionId", p.Session.SessionId);
            w.WriteString("host", p.Session.Host);
            w.WriteString("category", p.Session.Category);
            w.WriteString("deviceId", p.Session.DeviceId);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    });
}
