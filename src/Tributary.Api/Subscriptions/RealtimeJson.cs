using System.Text.Json;
using System.Text.Json.Serialization;
using Tributary.Data.Chat;
using Tributary.Data.Notifications;

namespace Tributary.Api.Subscriptions;

/// <summary>Source-generated JSON of the payloads carried in <see cref="Realtime.TopicEvent"/>s.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Notification))]
[JsonSerializable(typeof(ChatMessage))]
[JsonSerializable(typeof(RoomEvent))]
[JsonSerializable(typeof(IncomingCall))]
internal sealed partial class RealtimeJson : JsonSerializerContext;
