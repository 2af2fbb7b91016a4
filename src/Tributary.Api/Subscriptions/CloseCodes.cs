namespace Tributary.Api.Subscriptions;

/// <summary>WebSocket close codes of the <c>graphql-transport-ws</c> protocol (and two of RFC 6455).</summary>
public static class CloseCodes
{
    /// <summary>A message that is not valid JSON or not a protocol message.</summary>
    public const int BadRequest = 4400;

    /// <summary><c>subscribe</c> before <c>connection_ack</c>.</summary>
    public const int Unauthorized = 4401;

    /// <summary><c>connection_init</c> with credentials that are refused.</summary>
    public const int Forbidden = 4403;

    /// <summary>The client did not ask for the <c>graphql-transport-ws</c> subprotocol.</summary>
    public const int SubprotocolNotAcceptable = 4406;

    /// <summary>No <c>connection_init</c> within the timeout.</summary>
    public const int ConnectionInitTimeout = 4408;

    /// <summary>A <c>subscribe</c> reusing the id of a running operation.</summary>
    public const int SubscriberAlreadyExists = 4409;

    /// <summary>A second <c>connection_init</c>.</summary>
    public const int TooManyInitRequests = 4429;

    /// <summary>RFC 6455 policy violation: the client reads too slowly (send queue full).</summary>
    public const int SlowConsumer = 1008;

    /// <summary>RFC 6455: a message larger than the limit.</summary>
    public const int MessageTooBig = 1009;
}
