using Tributary.Rooms.Grains;

namespace Tributary.Rooms.Protocol;

/// <summary>
/// A client message after parsing and validation: a <see cref="Signal"/> for the room, or an error ack
/// (<see cref="ErrorCode"/>, <see cref="SignalName"/>, the request as JSON text, the reason).
/// </summary>
internal sealed record ParsedMessage(
    string SignalName,
    RoomSignal? Signal,
    int ErrorCode,
    string Request,
    string? ErrorMessage)
{
    public static ParsedMessage Valid(RoomSignal signal) => new(SignalNames.SignalOf(signal.Kind), signal, 200, signal.Raw, null);

    public static ParsedMessage Invalid(int code, string signal, string request, string message) => new(signal, null, code, request, message);
}
