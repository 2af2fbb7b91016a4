namespace Tributary.Rooms;

/// <summary>Admits everyone: for processes without the database-backed admission.</summary>
public sealed class OpenRoomAdmission : IRoomAdmission
{
    /// <inheritdoc />
    public Task<string?> CheckJoinAsync(string roomId, string userId, bool creating, CancellationToken cancellationToken = default) =>
        Task.FromResult<string?>(null);
}
