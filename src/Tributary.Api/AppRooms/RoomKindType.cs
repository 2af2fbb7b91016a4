using GraphQL.Types;
using Tributary.Rooms;

namespace Tributary.Api.AppRooms;

/// <summary>GraphQL enum <c>RoomType</c>: M2M, A2M, P2M, P2P (SIGNALING.md <c>ch</c>).</summary>
public sealed class RoomKindType : EnumerationGraphType
{
    /// <summary>Defines the values (spelled out: GraphQL.NET's case conversion would split "M2m").</summary>
    public RoomKindType()
    {
        Name = "RoomType";
        Description = "The room's media mode.";
        Add("M2M", RoomKind.M2m, "Group video through the media plane.");
        Add("A2M", RoomKind.A2m, "Audio-only group.");
        Add("P2M", RoomKind.P2m, "Live broadcast, watched over LL-HLS.");
        Add("P2P", RoomKind.P2p, "1:1 call, peer to peer (created by callUser).");
    }
}
