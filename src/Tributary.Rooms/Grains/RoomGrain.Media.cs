using Microsoft.Extensions.Logging;
using Tributary.Media.Engine;
using Tributary.Rooms.Protocol;

namespace Tributary.Rooms.Grains;

internal sealed partial class RoomGrain
{
    /// <summary>p2p OFFER/ANSWER/ICE: the data as sent, to <c>to</c> when given, else to the other member. No ack on success.</summary>
    private SignalReply RelayToPeer(RoomMember sender, RoomSignal signal)
    {
        var peers = signal.Target is { } target
            ? Targets(target, except: sender)
            : [.. Room.Members.Where(m => m.Session.UserId != sender.Session.UserId)];
        if (peers.Count == 0)
        {
            return SignalReply.Fail(SignalCodes.RecipientNotMember, "the peer is not in the room");
        }

        Deliver(peers, signal.Raw);
        return SignalReply.Quiet();
    }

    private async Task<SignalReply> OfferAsync(RoomMember sender, RoomSignal signal)
    {
        if (!sender.IsPublisher)
        {
            return SignalReply.Fail(SignalCodes.PermissionNotFound, "viewers cannot publish: raise a hand first (PUBLISH_REQUEST)");
        }

        var outcome = await CallMediaAsync(() => _media.PublishAsync(MediaRoom, sender.Session.SessionId, signal.Sdp!, signal.Restarting, signal.HlsForwarding));
        if (!outcome.IsSuccess)
        {
            return SignalReply.Fail(outcome.Code, outcome.Message ?? "media engine failed");
        }

        var after = new List<string>();
        if (!sender.Publishing)
        {
            sender.Publishing = true;
            await _state.WriteStateAsync();
            after = Broadcast(PublishListBody(), sender);
        }

        return SignalReply.Ok(JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("rid", RoomId);
            w.WriteString("sdp", outcome.Sdp);
            w.WriteEndObject();
        }), after);
    }

    private async Task<SignalReply> WatchAsync(RoomMember sender, RoomSignal signal)
    {
        if (FindPublisher(signal.Target!) is not { } publisher)
        {
            return SignalReply.Fail(SignalCodes.UserLeft, "the publisher has left");
        }

        var outcome = await CallMediaAsync(() => _media.WatchAsync(MediaRoom, sender.Session.SessionId, publisher.Session.SessionId));
        return !outcome.IsSuccess
            ? SignalReply.Fail(outcome.Code, outcome.Message ?? "media engine failed")
            : SignalReply.Ok(JsonText.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("rid", RoomId);
                w.WriteStartArray("pps");
                w.WriteStartObject();
                w.WriteString("id", publisher.Session.SessionId);
                w.WriteString("sdp", outcome.Sdp);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }));
    }

    private async Task<SignalReply> AnswerAsync(RoomMember sender, RoomSignal signal)
    {
        if (FindPublisher(signal.Target!) is not { } publisher)
        {
            return SignalReply.Fail(SignalCodes.UserLeft, "the publisher has left");
        }

        var outcome = await CallMediaAsync(() => _media.AnswerAsync(MediaRoom, sender.Session.SessionId, publisher.Session.SessionId, signal.Sdp!));
        return outcome.IsSuccess ? SignalReply.Ok(RidBody()) : SignalReply.Fail(outcome.Code, outcome.Message ?? "media engine failed");
    }

    private async Task<SignalReply> IceAsync(RoomMember sender, RoomSignal signal)
    {
        string? publisherSession = null;
        if (signal.Target is { } target)
        {
            if (FindPublisher(target) is not { } publisher)
            {
                return SignalReply.Fail(SignalCodes.UserLeft, "the publisher has left");
            }

            publisherSession = publisher.Session.SessionId;
        }

        var outcome = await CallMediaAsync(() => _media.TrickleAsync(MediaRoom, sender.Session.SessionId, publisherSession, signal.Sdp!));
        return outcome.IsSuccess ? SignalReply.Quiet() : SignalReply.Fail(outcome.Code, outcome.Message ?? "media engine failed");
    }

    private async Task<SignalReply> SimulcastAsync(RoomMember sender, RoomSignal signal)
    {
        if (FindPublisher(signal.Target!) is not { } publisher)
        {
            return SignalReply.Fail(SignalCodes.UserLeft, "the publisher has left");
        }

        var outcome = await CallMediaAsync(() => _media.SetSimulcastLayerAsync(MediaRoom, sender.Session.SessionId, publisher.Session.SessionId, signal.Layer!));
        return !outcome.IsSuccess
            ? SignalReply.Fail(outcome.Code, outcome.Message ?? "media engine failed")
            : SignalReply.Ok(JsonText.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("rid", RoomId);
                w.WriteString("sl", signal.Layer);
                w.WriteEndObject();
            }));
    }

    /// <summary>UPDATE in m2m/a2m: the media server stops (or resumes) relaying the publisher's muted streams.</summary>
    private async Task ReflectSendingAsync(RoomMember publisher)
    {
        if (Room.Kind is RoomKind.M2m or RoomKind.A2m && publisher.Publishing)
        {
            var outcome = await CallMediaAsync(() => _media.SetSendingAsync(MediaRoom, publisher.Session.SessionId, publisher.Audio, publisher.Video));
            if (!outcome.IsSuccess)
            {
                // The room state (and PUBLISH_LIST_CHANGED) still says muted: the apps hide a muted stream anyway.
                LogMediaRefused(_logger, RoomId, "UPDATE", outcome.Code, outcome.Message ?? string.Empty);
            }
        }
    }

    /// <summary>JOIN in m2m/a2m: a downlink offer for every publisher whose uplink is live. A failed one is left out (the client can WATCH).</summary>
    private async Task<List<(string SessionId, string Sdp)>> WatchPublishersAsync(RoomMember viewer)
    {
        var offers = new List<(string, string)>();
        if (Room.Kind is not (RoomKind.M2m or RoomKind.A2m))
        {
            return offers;
        }

        foreach (var publisher in Publishers().Where(p => p.Publishing && !ReferenceEquals(p, viewer)))
        {
            var outcome = await CallMediaAsync(() => _media.WatchAsync(MediaRoom, viewer.Session.SessionId, publisher.Session.SessionId));
            if (outcome.IsSuccess && outcome.Sdp is not null)
            {
                offers.Add((publisher.Session.SessionId, outcome.Sdp));
            }
            else
            {
                LogMediaRefused(_logger, RoomId, "JOIN downlink of " + publisher.Session.SessionId, outcome.Code, outcome.Message ?? string.Empty);
            }
        }

        return offers;
    }

    private RoomMember? FindPublisher(SignalTarget target) =>
        Room.Members.Find(m => m.IsPublisher && m.Session.UserId == target.UserId && (target.SessionId is null || m.Session.SessionId == target.SessionId));

    private async Task<MediaOutcome> CallMediaAsync(Func<Task<MediaOutcome>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogMediaFailed(_logger, RoomId, e);
            return MediaOutcome.Fail(SignalCodes.InternalServerError, "media engine failed");
        }
    }

    [LoggerMessage(EventId = 6500, Level = LogLevel.Warning, Message = "Room {RoomId}: media engine refused {What} with {Code}: {Reason}")]
    private static partial void LogMediaRefused(ILogger logger, string roomId, string what, int code, string reason);
}
