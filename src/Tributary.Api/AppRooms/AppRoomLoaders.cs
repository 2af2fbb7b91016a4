using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Tributary.Api.Batching;
using Tributary.Api.Schema;
using Tributary.Data.AppRooms;
using Tributary.Rooms;

namespace Tributary.Api.AppRooms;

/// <summary>Request-scoped batch loaders of rooms and their live state.</summary>
public static class AppRoomLoaders
{
    /// <summary>Rooms by id, one query per batch.</summary>
    public static BatchLoader<string, AppRoom> Rooms(IResolveFieldContext context)
    {
        var store = context.Service<AppRoomStore>();
        return context.Batch<string, AppRoom>("rooms", store.GetManyAsync);
    }

    /// <summary>
    /// Live snapshots by room id from <see cref="IRoomDirectory"/> (asked concurrently); none when the
    /// process has no room directory (then every room reads as not live).
    /// </summary>
    public static BatchLoader<string, RoomSnapshot> Snapshots(IResolveFieldContext context)
    {
        var directory = context.RequestServices?.GetService<IRoomDirectory>();
        return context.Batch<string, RoomSnapshot>("roomSnapshots", async (ids, ct) =>
        {
            if (directory is null)
            {
                return new Dictionary<string, RoomSnapshot>();
            }

            var snapshots = await Task.WhenAll(ids.Select(id => directory.GetAsync(id, ct)));
            return snapshots.OfType<RoomSnapshot>().ToDictionary(s => s.RoomId);
        });
    }
}
