using Tributary.Rooms.Protocol;

namespace Tributary.Rooms.Grains;

internal sealed partial class RoomGrain
{
    private async Task<SignalReply> PublishRequestAsync(RoomMember sender, RoomSignal signal)
    {
        if (sender.IsPublisher)
        {
            return SignalReply.Fail(SignalCodes.AlreadyIsPublisher, "already a publisher");
        }

        var owner = Owner();
        if (owner is null)
        {
            // Nobody to ask: the room has no publisher left, so the hand-raiser takes the stage (and ownership).
            if (!HasPublisherSlot(1))
            {
                return SignalReply.Fail(SignalCodes.RoomFull, "the room has its maximum of publishers");
            }

            Promote(sender);
            await _state.WriteStateAsync();
            return SignalReply.Ok(RidBody(), Broadcast(PublishListBody(), sender));
        }

        if (!Room.PendingRequests.Contains(sender.Session.SessionId))
        {
            Room.PendingRequests.Add(sender.Session.SessionId);
            await _state.WriteStateAsync();
        }

        // To every session of the owner's user in this room (the owner may be on two devices).
        Deliver(Room.Members.Where(m => m.Session.UserId == owner.Session.UserId && m.IsPublisher), signal.Raw);
        return SignalReply.Ok(RidBody());
    }

    private async Task<SignalReply> PublishAcceptAsync(RoomMember sender, RoomSignal signal)
    {
        if (Owner()?.Session.UserId != sender.Session.UserId || !sender.IsPublisher)
        {
            return SignalReply.Fail(SignalCodes.PermissionNotFound, "only the room owner may accept");
        }

        var targets = Targets(signal.Target!, except: sender);
        if (targets.Count == 0)
        {
            return SignalReply.Fail(SignalCodes.NotRoomMember, "the target is not in the room");
        }

        var promoted = targets.Where(t => !t.IsPublisher).ToList();
        if (!HasPublisherSlot(promoted.Count))
        {
            return SignalReply.Fail(SignalCodes.RoomFull, $"the room has its maximum of {_options.MaxPublishers} publishers");
        }

        foreach (var target in promoted)
        {
            Promote(target);
        }

        await _state.WriteStateAsync();
        Deliver(targets, signal.Raw);
        var after = promoted.Count > 0 ? Broadcast(PublishListBody(), sender) : [];
        return SignalReply.Ok(RidBody(), after);
    }

    private SignalReply PublishReject(RoomMember sender, RoomSignal signal)
    {
        if (!sender.IsPublisher)
        {
            return SignalReply.Fail(SignalCodes.PermissionNotFound, "only publishers may reject");
        }

        var targets = Targets(signal.Target!, except: sender);
        if (targets.Count == 0)
        {
            return SignalReply.Fail(SignalCodes.NotRoomMember, "the target is not in the room");
        }

        foreach (var target in targets)
        {
            Room.PendingRequests.Remove(target.Session.SessionId);
        }

        Deliver(targets, signal.Raw);
        return SignalReply.Ok(RidBody());
    }

    private bool HasPublisherSlot(int more) =>
        Room.Members.Count(m => m.IsPublisher) + more <= (Room.Kind switch
        {
            RoomKind.P2m => 1,
            RoomKind.P2p => 2,
            _ => _options.MaxPublishers,
        });

    private void Promote(RoomMember member)
    {
        member.IsPublisher = true;
        member.PublisherSeq = Room.NextSeq++;
        Room.PendingRequests.Remove(member.Session.SessionId);
        LogPromoted(_logger, RoomId, member.Session.SessionId);
    }
}
