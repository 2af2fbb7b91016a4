namespace Tributary.Hls.Broadcasts;

/// <summary>The key of a <see cref="IBroadcastGrain"/>: the broadcaster and the playlist (stream) id.</summary>
public static class BroadcastKey
{
    /// <summary><c>{userId}/{streamId}</c>; neither may contain '/' (the parser and the routes ensure it).</summary>
    public static string Of(string userId, string streamId) => string.Concat(userId, "/", streamId);

    /// <summary>Splits a key made by <see cref="Of"/>.</summary>
    public static (string UserId, string StreamId) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], key[(slash + 1)..]);
    }
}
