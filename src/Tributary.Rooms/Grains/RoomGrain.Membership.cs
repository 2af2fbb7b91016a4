using Tributary.Rooms.Protocol;

namespace Tributary.Rooms.Grains;

internal sealed partial class RoomGrain
{
    private async Task<SignalReply> JoinAsync(RoomSignal signal)
    {
        var session = signal.Session;
        var existing = Room.Exists ? Find(session.SessionId) : null;
        if (Room.Exists && Room.Kind != signal.Channel)
        {
            return SignalReply.Fail(SignalCodes.UnsupportedChannel, $"room {RoomId} is {SignalNames.ChannelOf(Room.Kind)}, not {SignalNames.ChannelOf(signal.Channel)}");
        }

        if (existing is not null)
        {
            if (existing.Session.UserId != session.UserId)
            {
                return SignalReply.Fail(SignalCodes.PermissionNotFound, "this session belongs to another user");
            }

            // Re-JOIN (the apps' watchdog, a reconnect, a failover): same member, same role, current state.
            Seen(existing, signal.Relay);
            existing.Session = session;
            LogRejoined(_logger, RoomId, session.SessionId);
            return SignalReply.Ok(JoinBody(existing, await WatchPublishersAsync(existing), await HlsUrlAsync()));
        }

        if (!Room.Exists && !signal.Creating)
        {
            return SignalReply.Fail(SignalCodes.RoomNotFound, "no such room (send op.roomCreating to create it)");
        }

        if (Room.Exists && signal.Creating)
        {
            return SignalReply.Fail(SignalCodes.AlreadyExistRoom, "the room already exists");
        }

        if (Room.Exists && Room.Kind == RoomKind.P2p && Room.Members.Count >= 2)
        {
            return SignalReply.Fail(SignalCodes.RoomFull, "a p2p call has exactly two members");
        }

        if (await _admission.CheckJoinAsync(RoomId, session.UserId, signal.Creating) is { } refusal)
        {
            return SignalReply.Fail(SignalCodes.PermissionNotFound, refusal);
        }

        var profile = (await _profiles.GetAsync([session.UserId])).GetValueOrDefault(session.UserId);
        var creating = !Room.Exists;
        if (creating)
        {
            _state.State = new RoomState { Exists = true, Kind = signal.Channel, CreatedAt = _clock.NowMs };
        }

        // The creator publishes; in p2p both peers do; everyone else starts as a viewer.
        var publisher = creating || Room.Kind == RoomKind.P2p;
        var member = new RoomMember
        {
            Session = session,
            IsPublisher = publisher,
            PublisherSeq = publisher ? Room.NextSeq : 0,
            JoinSeq = Room.NextSeq++,
            Video = signal.Video && Room.Kind != RoomKind.A2m,
            Audio = signal.Audio,
            Publishing = publisher && Room.Kind is RoomKind.P2m or RoomKind.P2p,
            Username = profile?.Username ?? string.Empty,
            Fullname = profile?.Fullname ?? string.Empty,
            Avatar = profile?.AvatarUrl,
        };
        Room.Members.Add(member);
        if (Room.Kind == RoomKind.P2p && !creating)
        {
            Room.CalleeArrived = true;
        }

        Seen(member, signal.Relay);
        await SaveAsync();
        if (creating)
        {
            StartSweeping();
            LogRoomCreated(_logger, RoomId, SignalNames.ChannelOf(Room.Kind));
        }

        LogJoined(_logger, RoomId, session.SessionId, RoleOf(member));
        await _events.MemberJoinedAsync(RoomId, Room.Kind, session.UserId, session.SessionId);
        var after = publisher ? Broadcast(PublishListBody(), member) : [];
        return SignalReply.Ok(JoinBody(member, await WatchPublishersAsync(member), await HlsUrlAsync()), after);
    }

    // p2m: the broadcast's playlist URL (es.hls.url), once the publisher has uploaded a variant.
    private async Task<string?> HlsUrlAsync() =>
        Room.Kind == RoomKind.P2m && Publishers().FirstOrDefault() is { } publisher
            ? await _playback.GetPlaybackUrlAsync(publisher.Session.UserId, RoomId)
            : null;

    private async Task<SignalReply> LeaveAsync(RoomMember sender)
    {
        await RemoveAsync([sender], "leave");
        return SignalReply.Ok(RidBody());
    }

    private async Task<SignalReply> UpdateAsync(RoomMember sender, RoomSignal signal)
    {
        if (!sender.IsPublisher)
        {
            return SignalReply.Fail(SignalCodes.PermissionNotFound, "only publishers may UPDATE");
        }

        sender.Video = signal.Video && Room.Kind != RoomKind.A2m;
        sender.Audio = signal.Audio;
        await _state.WriteStateAsync();
        await ReflectSendingAsync(sender);
        return SignalReply.Ok(RidBody(), Broadcast(PublishListBody(), sender));
    }

    private SignalReply Heartbeat(RoomSignal signal) =>
        signal.SendAck ? SignalReply.Ok(HeartbeatBody(signal.HeartbeatId)) : SignalReply.Quiet();

    private async Task<SignalReply> KickAsync(RoomMember sender, RoomSignal signal)
    {
        if (!sender.IsPublisher)
        {
            return SignalReply.Fail(SignalCodes.PermissionNotFound, "only publishers may KICK");
        }

        var targets = Targets(signal.Target!, except: sender);
        if (Room.Kind == RoomKind.P2m && targets.Any(t => t.IsPublisher))
        {
            return SignalReply.Fail(SignalCodes.PermissionNotFound, "in p2m the publisher can kick viewers only");
        }

        if (targets.Count == 0)
        {
            return SignalReply.Fail(SignalCodes.NotRoomMember, "the target is not in the room");
        }

        // The kicked sessions get the KICK as sent, then their gateway forgets them.
        Deliver(targets, signal.Raw, detach: true);
        var after = await RemoveAsync(targets, "kick", sender);
        return SignalReply.Ok(RidBody(), after);
    }

    /// <summary>
    /// Removes members (LEAVE, KICK, expiry): releases their media, publisher slots and pending requests;
    /// ownership passes to the oldest remaining publisher. Returns what the sender must get after its ack.
    /// </summary>
    private async Task<List<string>> RemoveAsync(IReadOnlyList<RoomMember> members, string reason, RoomMember? sender = null)
    {
        var publisherLeft = false;
        foreach (var member in members)
        {
            Room.Members.Remove(member);
            Room.PendingRequests.Remove(member.Session.SessionId);
            _relays.Remove(member.Session.SessionId);
            _lastSeen.Remove(member.Session.SessionId);
            publisherLeft |= member.IsPublisher;
            if (Room.Kind is RoomKind.M2m or RoomKind.A2m)
            {
                var sessionId = member.Session.SessionId;
                await SafeMediaAsync(() => _media.ReleaseSessionAsync(MediaRoom, sessionId));
            }

            LogLeft(_logger, RoomId, member.Session.SessionId, reason);
            await _events.MemberLeftAsync(RoomId, Room.Kind, member.Session.UserId, member.Session.SessionId, reason);
        }

        await SaveAsync();
        if (!Room.Exists || !publisherLeft)
        {
            return [];
        }

        return Broadcast(PublishListBody(), sender is not null && Room.Members.Contains(sender) ? sender : null);
    }
}
