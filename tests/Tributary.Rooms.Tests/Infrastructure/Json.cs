using System.Text.Json;
using Tributary.Client;

namespace Tributary.Rooms.Tests.Infrastructure;

/// <summary>Reading ack bodies in assertions.</summary>
public static class Json
{
    /// <summary>A string property.</summary>
    public static string? Str(this JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>The array <paramref name="name"/> as a list.</summary>
    public static List<JsonElement> Arr(this JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray()];

    /// <summary>The session ids (<c>id</c>) of a JOIN/HEARTBEAT <c>pps</c>.</summary>
    public static List<string> PublisherSessions(this SignalMessage m) => [.. m.Body.Arr("pps").Select(p => p.Str("id")!)];

    /// <summary>The session ids of a PUBLISH_LIST_CHANGED <c>pps</c>.</summary>
    public static List<string> ListedSessions(this SignalMessage m) => [.. m.Body.Arr("pps").Select(p => p.Str("sessionId")!)];

    /// <summary>The role of a session in a JOIN/HEARTBEAT <c>pps</c>.</summary>
    public static string? RoleOf(this SignalMessage m, string sessionId) =>
        m.Body.Arr("pps").Where(p => p.Str("id") == sessionId).Select(p => p.Str("role")).FirstOrDefault();

    /// <summary>Waits for the next PUBLISH_LIST_CHANGED of a room.</summary>
    public static Task<SignalMessage> NextPublishListAsync(this SignalClient client, string roomId) =>
        client.WaitForAsync(m => m.Signal == "PUBLISH_LIST_CHANGED" && m.RoomId == roomId);
}
