namespace Tributary.Rooms.Grains;

/// <summary>One live room (key: the room id <c>rid</c>): members, roles, publishers, owner, presence.</summary>
public interface IRoomGrain : IGrainWithStringKey
{
    /// <summary>Applies a validated signal and answers its ack.</summary>
    Task<SignalReply> HandleAsync(RoomSignal signal);

    /// <summary>The room as other areas may see it; null when it does not exist.</summary>
    Task<RoomSnapshot?> GetSnapshotAsync();

    /// <summary>
    /// The media server that carried these publishers' streams was lost and the streams were re-placed: every
    /// member gets the server signal RESTART per publisher still publishing here (SIGNALING.md), so the publisher
    /// re-sends OFFER with <c>op.restarting</c> and viewers re-WATCH. Answers how many publishers were announced.
    /// </summary>
    Task<int> RestartStreamsAsync(IReadOnlyList<string> publisherSessionIds);

    /// <summary>Removes sessions whose heartbeats stopped and ends unanswered p2p calls (driven by the room clock).</summary>
    Task SweepAsync();
}
