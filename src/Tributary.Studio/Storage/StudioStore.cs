using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Tributary.Data;
using Tributary.Data.Outbox;
using Tributary.Ids;
using Tributary.Studio.Destinations;
using Tributary.Studio.Studios;

namespace Tributary.Studio.Storage;

/// <summary>Studios and their destinations in the database; webhook events go through the outbox in the same transaction.</summary>
public sealed class StudioStore(Database database, StreamKeyProtector keys, OutboxSignal outbox, TimeProvider time)
{
    private const string StudioColumns = "id AS Id, room_id AS RoomId, owner_id AS OwnerId, layout AS Layout, stage AS Stage, title AS Title, logo_url AS LogoUrl, ingest_key AS IngestKey, live_since AS LiveSince, created_at AS CreatedAt, node_id AS NodeId";
    private const string DestinationColumns = "id AS Id, studio_id AS StudioId, kind AS Kind, url AS Url, stream_key AS StreamKey, created_at AS CreatedAt";

    /// <summary>Creates a studio for <paramref name="roomId"/> owned by <paramref name="ownerId"/>.</summary>
    public async Task<StudioRecord> CreateAsync(string roomId, string ownerId, CancellationToken cancellationToken = default)
    {
        var studio = new StudioRecord(TimeOrderedId.New(), roomId, ownerId, StudioScene.Empty, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), null, time.GetUtcNow().ToUnixTimeMilliseconds());
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO studios (id, room_id, owner_id, layout, stage, ingest_key, created_at) VALUES (@Id, @RoomId, @OwnerId, @layout, '[]', @IngestKey, @CreatedAt)",
            new { studio.Id, studio.RoomId, studio.OwnerId, layout = StudioLayout.Solo.ToString(), studio.IngestKey, studio.CreatedAt },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return studio;
    }

    /// <summary>A studio by id, or null.</summary>
    public async Task<StudioRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<StudioRow>(new CommandDefinition(
            $"SELECT {StudioColumns} FROM studios WHERE id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToStudio();
    }

    /// <summary>The stored logo of a studio, or null.</summary>
    public async Task<byte[]?> LogoAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
            "SELECT logo FROM studios WHERE id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Replaces the scene; <paramref name="logo"/> replaces the stored logo (null removes it).</summary>
    public async Task SetSceneAsync(string id, StudioScene scene, byte[]? logo, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE studios SET layout = @layout, stage = @stage, title = @Title, logo_url = @LogoUrl, logo = @logo WHERE id = @id",
            new { id, layout = scene.Layout.ToString(), stage = JsonSerializer.Serialize(scene.Stage), scene.Title, scene.LogoUrl, logo },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The studio's destinations, oldest first.</summary>
    public async Task<IReadOnlyList<StudioDestination>> DestinationsAsync(string studioId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DestinationRow>(new CommandDefinition(
            $"SELECT {DestinationColumns} FROM studio_destinations WHERE studio_id = @studioId ORDER BY created_at, id", new { studioId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToDestination()).ToList();
    }

    /// <summary>The studio's destinations with their stream keys opened: for the relays only.</summary>
    internal async Task<IReadOnlyList<(StudioDestination Destination, string StreamKey)>> DestinationsWithKeysAsync(string studioId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DestinationRow>(new CommandDefinition(
            $"SELECT {DestinationColumns} FROM studio_destinations WHERE studio_id = @studioId ORDER BY created_at, id", new { studioId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => (r.ToDestination(), keys.Open(r.Id, r.StreamKey))).ToList();
    }

    /// <summary>Adds a destination; the key is sealed before it is written.</summary>
    public async Task<StudioDestination> AddDestinationAsync(string studioId, DestinationKind kind, string url, string streamKey, CancellationToken cancellationToken = default)
    {
        var destination = new StudioDestination(TimeOrderedId.New(), studioId, kind, url, time.GetUtcNow().ToUnixTimeMilliseconds());
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO studio_destinations (id, studio_id, kind, url, stream_key, created_at) VALUES (@Id, @StudioId, @kind, @Url, @sealedKey, @CreatedAt)",
            new { destination.Id, destination.StudioId, kind = kind.ToString(), destination.Url, sealedKey = keys.Seal(destination.Id, streamKey), destination.CreatedAt },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return destination;
    }

    /// <summary>Removes a destination; false when the studio has no such destination.</summary>
    public async Task<bool> RemoveDestinationAsync(string studioId, string destinationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM studio_destinations WHERE id = @destinationId AND studio_id = @studioId", new { studioId, destinationId }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// goLive on <paramref name="nodeId"/>: marks a studio that is not live as live there and writes <c>studio.live</c>;
    /// false when it already is live (another node claimed it first).
    /// </summary>
    public Task<bool> ClaimLiveAsync(StudioRecord studio, string nodeId, int destinations, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return ChangeAsync(
            "UPDATE studios SET live_since = @now, node_id = @nodeId WHERE id = @id AND live_since IS NULL",
            new { id = studio.Id, now, nodeId },
            "studio.live",
            new { studioId = studio.Id, roomId = studio.RoomId, ownerId = studio.OwnerId, destinations },
            cancellationToken);
    }

    /// <summary>
    /// Re-placement: moves a live studio recorded on <paramref name="fromNodeId"/> ("" for none) to
    /// <paramref name="nodeId"/> and writes <c>studio.moved</c>; false when it is no longer live there (ended, or
    /// another node took it).
    /// </summary>
    public Task<bool> ClaimMoveAsync(StudioRecord studio, string fromNodeId, string nodeId, CancellationToken cancellationToken = default) =>
        ChangeAsync(
            "UPDATE studios SET node_id = @nodeId WHERE id = @id AND live_since IS NOT NULL AND COALESCE(node_id, '') = @fromNodeId",
            new { id = studio.Id, fromNodeId, nodeId },
            "studio.moved",
            new { studioId = studio.Id, roomId = studio.RoomId, ownerId = studio.OwnerId, fromNode = fromNodeId, toNode = nodeId },
            cancellationToken);

    /// <summary>Marks the studio not live and writes <c>studio.ended</c>; false when it was not live.</summary>
    public Task<bool> SetEndedAsync(StudioRecord studio, string reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(
            "UPDATE studios SET live_since = NULL, node_id = NULL WHERE id = @id AND live_since IS NOT NULL",
            new { id = studio.Id },
            "studio.ended",
            new { studioId = studio.Id, roomId = studio.RoomId, ownerId = studio.OwnerId, reason },
            cancellationToken);

    /// <summary>Every live studio and the node recorded as running it ("" for none).</summary>
    public async Task<IReadOnlyList<(string StudioId, string NodeId)>> LiveStudiosAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string, string)>(new CommandDefinition(
            "SELECT id, COALESCE(node_id, '') FROM studios WHERE live_since IS NOT NULL ORDER BY id", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }

    /// <summary>One destination of a studio with its stream key opened, or null: for the relays only.</summary>
    internal async Task<(StudioDestination Destination, string StreamKey)?> DestinationWithKeyAsync(string studioId, string destinationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<DestinationRow>(new CommandDefinition(
            $"SELECT {DestinationColumns} FROM studio_destinations WHERE studio_id = @studioId AND id = @destinationId", new { studioId, destinationId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : (row.ToDestination(), keys.Open(row.Id, row.StreamKey));
    }

    /// <summary>Writes <c>studio.destination.failed</c> for a destination that went FAILED.</summary>
    public async Task DestinationFailedAsync(string studioId, StudioDestination destination, int attempts, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await OutboxWriter.EnqueueAsync(connection, transaction, "studio.destination.failed",
            new { studioId, destinationId = destination.Id, kind = destination.Kind.ToString().ToUpperInvariant(), url = destination.Url, attempts }, time).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        outbox.Wake();
    }

    private async Task<bool> ChangeAsync(string sql, object parameters, string topic, object payload, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
        if (changed)
        {
            await OutboxWriter.EnqueueAsync(connection, transaction, topic, payload, time).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (changed)
        {
            outbox.Wake();
        }

        return changed;
    }
}
