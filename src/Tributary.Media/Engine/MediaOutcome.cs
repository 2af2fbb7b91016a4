namespace Tributary.Media.Engine;

/// <summary>
/// The result of a media-engine call: success with an optional SDP, or a SIGNALING.md code
/// (500, 4024, …) and a message for the client's ack.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MediaOutcome(
    [property: Id(0)] int Code,
    [property: Id(1)] string? Sdp = null,
    [property: Id(2)] string? Message = null)
{
    /// <summary>True for code 200.</summary>
    public bool IsSuccess => Code == 200;

    /// <summary>Success without an SDP.</summary>
    public static MediaOutcome Ok() => new(200);

    /// <summary>Success carrying an SDP (answer for OFFER, offer for WATCH).</summary>
    public static MediaOutcome WithSdp(string sdp) => new(200, sdp);

    /// <summary>A failure with a SIGNALING.md code.</summary>
    public static MediaOutcome Fail(int code, string message) => new(code, null, message);
}
