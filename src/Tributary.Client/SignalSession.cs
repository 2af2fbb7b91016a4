namespace Tributary.Client;

/// <summary>The <c>ss</c> every signal of a client carries.</summary>
/// <param name="UserId">Must be the access token's subject (else 4051).</param>
/// <param name="SessionId">This app instance's session id (a UUID).</param>
/// <param name="Category"><c>stream</c> or <c>screenshare</c>.</param>
/// <param name="Host"><c>iOS</c>, <c>iOS_EX</c>, <c>Android</c>, <c>Web</c>, <c>Web_Studio</c> or <c>Server</c>.</param>
/// <param name="DeviceId">The device's id.</param>
public sealed record SignalSession(string UserId, string SessionId, string Category = "stream", string Host = "Server", string DeviceId = "dotnet");
