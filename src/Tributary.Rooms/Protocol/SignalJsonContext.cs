using System.Text.Json.Serialization;

namespace Tributary.Rooms.Protocol;

/// <summary>Source-generated (reflection-free) reading of signal data.</summary>
[JsonSourceGenerationOptions(AllowTrailingCommas = false, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(SignalData))]
[JsonSerializable(typeof(string))]
internal sealed partial class SignalJsonContext : JsonSerializerContext;
