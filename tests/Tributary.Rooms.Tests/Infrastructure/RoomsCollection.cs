namespace Tributary.Rooms.Tests.Infrastructure;

/// <summary>Tests sharing one server whose room clock never moves (so no session ever expires).</summary>
[CollectionDefinition(Name)]
public sealed class RoomsCollection : ICollectionFixture<RoomsHost>
{
    /// <summary>The collection name.</summary>
    public const string Name = "rooms";
}
