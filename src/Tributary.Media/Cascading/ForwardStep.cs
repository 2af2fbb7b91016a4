namespace Tributary.Media.Cascading;

/// <summary>
/// The result of one step of setting up a forward: success (code 200) with what the next step needs — the
/// station's stream description from the origin, or the endpoint the target opened — or a SIGNALING.md code and
/// message (4024 when the station or the room is not there, 500 for a media server failure).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ForwardStep(
    [property: Id(0)] int Code,
    [property: Id(1)] string? Message = null,
    [property: Id(2)] string? Streams = null,
    [property: Id(3)] ForwardEndpoint? Endpoint = null)
{
    /// <summary>True for code 200.</summary>
    public bool IsSuccess => Code == 200;

    /// <summary>A failure with a SIGNALING.md code.</summary>
    public static ForwardStep Fail(int code, string message) => new(code, message);
}
