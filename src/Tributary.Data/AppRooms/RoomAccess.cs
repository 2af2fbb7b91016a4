namespace Tributary.Data.AppRooms;

/// <summary>Who may join a room.</summary>
public enum RoomAccess
{
    /// <summary>Anyone signed in.</summary>
    Public,
    /// <summary>The owner's followers.</summary>
    Followers,
    /// <summary>Invited users only.</summary>
    Invite,
}
