using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.GrainDirectory;
using Orleans.Placement;
using Tributary.Media.Engine;
using Tributary.Media.Munits;
using Tributary.Profiles;
using Tributary.Rooms.Ice;
using Tributary.Rooms.Presence;
using Tributary.Rooms.Protocol;

namespace Tributary.Rooms.Grains;

/// <summary>
/// A room: the one place its members, roles, ordered publishers, owner, pending publish requests and
/// presence live. Persisted to the default grain storage on every membership change (not on heartbeats),
/// so a room survives the loss of its silo: it reactivates elsewhere and members re-JOIN into it. Registered in the
/// <see cref="RecoveryGrainDirectory"/>: the loss of another silo (a media node) must not deactivate it, or the relays
/// to its members' gateways are forgotten and the RESTART for that media node reaches nobody.
/// </summary>
[PreferLocalPlacement]
[GrainDirectory(GrainDirectoryName = RecoveryGrainDirectory.Name)]
internal sealed partial class RoomGrain : Grain, IRoomGrain
{
    private readonly IPersistentState<RoomState> _state;
    private readonly RoomClock _clock;
    private readonly RoomsOptions _options;
    private readonly IMediaEngine _media;
    private readonly IProfileDirectory _profiles;
    private readonly IRoomAdmission _admission;
    private readonly IRoomEvents _events;
    private readonly IceConfiguration _ice;
    private readonly IBroadcastPlayback _playback;
    private readonly ILogger<RoomGrain> _logger;

    // Not persisted: where each session's socket is, and when it was last heard of.
    private readonly Dictionary<string, IRoomObserver> _relays = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lastSeen = new(StringComparer.Ordinal);
    private ITimer? _sweepTimer;

    public RoomGrain(
        [PersistentState("room")] IPersistentState<RoomState> state,
        RoomClock clock,
        IOptions<RoomsOptions> options,
        IMediaEngine media,
        IProfileDirectory profiles,
        IRoomAdmission admission,
        IRoomEvents events,
        IceConfiguration ice,
        IBroadcastPlayback playback,
        ILogger<RoomGrain> logger)
    {
        _state = state;
        _clock = clock;
        _options = options.Value;
        _media = media;
        _profiles = profiles;
        _admission = admission;
        _events = events;
        _ice = ice;
        _playback = playback;
        _logger = logger;
    }

    private RoomState Room => _state.State;

    private string RoomId => this.GetPrimaryKeyString();

    private MediaRoom MediaRoom => new(RoomId, Room.Kind == RoomKind.A2m);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Room.Exists)
        {
            // Reactivated (another silo, or after idle collection): every member gets a full presence
            // window to re-JOIN or heartbeat through its new gateway.
            var now = _clock.NowMs;
            foreach (var member in Room.Members)
            {
                _lastSeen[member.Session.SessionId] = now;
            }

            LogRoomRestored(_logger, RoomId, Room.Members.Count);
            StartSweeping();
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _sweepTimer?.Dispose();
        _sweepTimer = null;
        return Task.CompletedTask;
    }

    public async Task<SignalReply> HandleAsync(RoomSignal signal)
    {
        if (signal.Kind == SignalKind.Join)
        {
            return await JoinAsync(signal);
        }

        if (!Room.Exists)
        {
            return SignalReply.Fail(SignalCodes.RoomNotFound, "no such room");
        }

        if (Room.Kind != signal.Channel)
        {
            return SignalReply.Fail(SignalCodes.UnsupportedChannel, $"room {RoomId} is {SignalNames.ChannelOf(Room.Kind)}, not {SignalNames.ChannelOf(signal.Channel)}");
        }

        var sender = Find(signal.Session.SessionId);
        if (sender is null)
        {
            return SignalReply.Fail(SignalCodes.PermissionNotFound, "this session is not a member of the room: JOIN first");
        }

        if (sender.Session.UserId != signal.Session.UserId)
        {
            return SignalReply.Fail(SignalCodes.PermissionNotFound, "this session belongs to another user");
        }

        Seen(sender, signal.Relay);
        return signal.Kind switch
        {
            SignalKind.Leave => await LeaveAsync(sender),
            SignalKind.Update => await UpdateAsync(sender, signal),
            SignalKind.Heartbeat => Heartbeat(signal),
            SignalKind.Kick => await KickAsync(sender, signal),
            SignalKind.PublishRequest => await PublishRequestAsync(sender, signal),
            SignalKind.PublishAccept => await PublishAcceptAsync(sender, signal),
            SignalKind.PublishReject => PublishReject(sender, signal),
            SignalKind.Offer or SignalKind.Answer or SignalKind.Ice when Room.Kind == RoomKind.P2p => RelayToPeer(sender, signal),
            SignalKind.Offer => await OfferAsync(sender, signal),
            SignalKind.Answer => await AnswerAsync(sender, signal),
            SignalKind.Ice => await IceAsync(sender, signal),
            SignalKind.Watch => await WatchAsync(sender, signal),
            SignalKind.SimulcastUpdate => await SimulcastAsync(sender, signal),
            _ => SignalReply.Fail(SignalCodes.InvalidSignal, "unsupported signal"),
        };
    }

    public Task<RoomSnapshot?> GetSnapshotAsync()
    {
        if (!Room.Exists)
        {
            return Task.FromResult<RoomSnapshot?>(null);
        }

        var publishers = Publishers();
        return Task.FromResult<RoomSnapshot?>(new RoomSnapshot(
            RoomId,
            Room.Kind,
            publishers.FirstOrDefault()?.Session.UserId,
            [.. publishers.Select(p => p.Session.UserId).Distinct(StringComparer.Ordinal)],
            Room.Members.Count)
        {
            Streams = [.. publishers.Select(p => new RoomStream(p.Session.SessionId, p.Session.UserId, p.Session.Host, p.Session.Category, p.Video, p.Audio, p.Publishing))],
        });
    }

    private RoomMember? Find(string sessionId) => Room.Members.Find(m => m.Session.SessionId == sessionId);

    /// <summary>Publishers, oldest first; the first is the owner.</summary>
    private List<RoomMember> Publishers() => [.. Room.Members.Where(m => m.IsPublisher).OrderBy(m => m.PublisherSeq)];

    private RoomMember? Owner() => Publishers().FirstOrDefault();

    private string RoleOf(RoomMember member) =>
        !member.IsPublisher ? "viewer" : ReferenceEquals(member, Owner()) ? "admin" : "publisher";

    private List<RoomMember> Targets(SignalTarget target, RoomMember? except = null) =>
        [.. Room.Members.Where(m => m.Session.UserId == target.UserId
            && (target.SessionId is null || m.Session.SessionId == target.SessionId)
            && !ReferenceEquals(m, except))];

    private void Seen(RoomMember member, IRoomObserver? relay)
    {
        _lastSeen[member.Session.SessionId] = _clock.NowMs;
        if (relay is not null)
        {
            _relays[member.Session.SessionId] = relay;
        }
    }

    /// <summary>Sends one message to some members, one call per gateway node holding their sockets.</summary>
    private void Deliver(IEnumerable<RoomMember> members, string payload, bool detach = false)
    {
        foreach (var group in members
            .Select(m => (m.Session.SessionId, Relay: _relays.GetValueOrDefault(m.Session.SessionId)))
            .Where(x => x.Relay is not null)
            .GroupBy(x => x.Relay!))
        {
            try
            {
                // One-way: a slow or dead gateway never holds up the room.
                _ = group.Key.DeliverAsync(new RoomDelivery(RoomId, [.. group.Select(x => x.SessionId)], payload, detach));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogDeliveryFailed(_logger, RoomId, e);
            }
        }
    }

    /// <summary>
    /// Sends to every member but <paramref name="sender"/>; the sender's copy is returned to go out
    /// after its own ack, so it always sees the ack first.
    /// </summary>
    private List<string> Broadcast(string payload, RoomMember? sender)
    {
        Deliver(Room.Members.Where(m => !ReferenceEquals(m, sender)), payload);
        return sender is null ? [] : [payload];
    }

    private async Task SaveAsync()
    {
        if (Room.Members.Count == 0)
        {
            await EndAsync();
            return;
        }

        await _state.WriteStateAsync();
    }

    private async Task EndAsync()
    {
        var kind = Room.Kind;
        _sweepTimer?.Dispose();
        _sweepTimer = null;
        _relays.Clear();
        _lastSeen.Clear();
        await _state.ClearStateAsync();
        _state.State = new RoomState();
        if (kind is RoomKind.M2m or RoomKind.A2m)
        {
            await SafeMediaAsync(() => _media.CloseRoomAsync(new MediaRoom(RoomId, kind == RoomKind.A2m)));
        }

        LogRoomEnded(_logger, RoomId);
        await _events.RoomEndedAsync(RoomId, kind);
        DeactivateOnIdle();
    }

    private async Task SafeMediaAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogMediaFailed(_logger, RoomId, e);
        }
    }
}
