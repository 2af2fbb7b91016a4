using Tributary.Rooms.Protocol;

namespace Tributary.Rooms.Grains;

internal sealed partial class RoomGrain
{
    /// <summary>
    /// Presence runs on <see cref="Presence.RoomClock"/>, not on a grain timer: with a fake clock, a test
    /// advancing time fires the sweep at once. The callback re-enters through a grain call, so the sweep
    /// runs inside the grain's turn like any signal.
    /// </summary>
    private void StartSweeping()
    {
        if (_sweepTimer is not null)
        {
            return;
        }

        var self = this.AsReference<IRoomGrain>();
        var logger = _logger;
        var roomId = RoomId;
        _sweepTimer = _clock.Time.CreateTimer(
            _ => self.SweepAsync().ContinueWith(t => LogSweepFailed(logger, roomId, t.Exception!), TaskContinuationOptions.OnlyOnFaulted),
            null,
            _options.PresenceSweepInterval,
            _options.PresenceSweepInterval);
    }

    public async Task SweepAsync()
    {
        if (!Room.Exists)
        {
            return;
        }

        var now = _clock.NowMs;
        if (Room.Kind == RoomKind.P2p && !Room.CalleeArrived && now - Room.CreatedAt > (long)_options.CalleeTimeout.TotalMilliseconds)
        {
            // The callee never came: the call has failed; the caller is told and the room ends.
            LogCallUnanswered(_logger, RoomId);
            var caller = Room.Members.FirstOrDefault()?.Session.UserId;
            Deliver(Room.Members, JsonText.Write(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("c", SignalCodes.RecipientNotMember);
                w.WriteString("s", SignalNames.SignalOf(SignalKind.Leave));
                w.WriteStartObject("b");
                w.WriteString("rid", RoomId);
                w.WriteString("msg", "the callee did not join in time");
                w.WriteEndObject();
                w.WriteEndObject();
            }), detach: true);
            foreach (var member in Room.Members.ToList())
            {
                Room.Members.Remove(member);
            }

            if (caller is not null)
            {
                await _events.CallMissedAsync(RoomId, caller);
            }

            await EndAsync();
            return;
        }

        var timeout = (long)_options.PresenceTimeout.TotalMilliseconds;
        var expired = Room.Members.Where(m => now - _lastSeen.GetValueOrDefault(m.Session.SessionId, now) > timeout).ToList();
        if (expired.Count > 0)
        {
            // Their gateways forget them (a late socket gets "not a member" and re-JOINs).
            Deliver(expired, string.Empty, detach: true);
            await RemoveAsync(expired, "expired");
        }
    }
}
