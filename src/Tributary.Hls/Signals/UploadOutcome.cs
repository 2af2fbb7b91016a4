namespace Tributary.Hls.Signals;

/// <summary>The answer to a data signal: 200, or an HTTP status with the reason (HLS-DATA-SIGNALS.md).</summary>
[GenerateSerializer, Immutable]
public sealed record UploadOutcome([property: Id(0)] int Code, [property: Id(1)] string? Message)
{
    /// <summary>Accepted (or a retry of an accepted message).</summary>
    public static UploadOutcome Ok { get; } = new(200, null);

    /// <summary>True for 200.</summary>
    public bool IsOk => Code == 200;

    /// <summary>400 with a reason.</summary>
    public static UploadOutcome BadRequest(string message) => new(400, message);

    /// <summary>403 with a reason.</summary>
    public static UploadOutcome Forbidden(string message) => new(403, message);

    /// <summary>404 with a reason.</summary>
    public static UploadOutcome NotFound(string message) => new(404, message);

    /// <summary>409 with a reason.</summary>
    public static UploadOutcome Conflict(string message) => new(409, message);

    /// <summary>413 with a reason.</summary>
    public static UploadOutcome TooLarge(string message) => new(413, message);

    /// <summary>429 with a reason: the publisher's upload rate is over the limit.</summary>
    public static UploadOutcome TooManyRequests(string message) => new(429, message);
}
