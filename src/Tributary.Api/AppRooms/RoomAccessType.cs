using GraphQL.Types;
using Tributary.Data.AppRooms;

namespace Tributary.Api.AppRooms;

/// <summary>GraphQL enum <c>RoomAccess</c>: PUBLIC, FOLLOWERS, INVITE.</summary>
public sealed class RoomAccessType : EnumerationGraphType
{
    /// <summary>Defines the values.</summary>
    public RoomAccessType()
    {
        Name = "RoomAccess";
        Description = "Who may see and join a room.";
        Add("PUBLIC", RoomAccess.Public, "Everyone signed in.");
        Add("FOLLOWERS", RoomAccess.Followers, "The owner's followers.");
        Add("INVITE", RoomAccess.Invite, "The invited users.");
    }
}
