using Dapper;
using Tributary.Data;

namespace Tributary.Api.Chat;

/// <summary>Reaction totals of many rooms in one query (room lists batch through it).</summary>
public sealed class ReactionTotals(Database database)
{
    /// <summary>Totals per room id (rooms without reactions map to an empty list).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<ReactionCount>>> GetManyAsync(IReadOnlyCollection<string> roomIds, CancellationToken cancellationToken)
    {
        var result = roomIds.Distinct().ToDictionary(id => id, _ => (IReadOnlyList<ReactionCount>)[]);
        if (result.Count == 0)
        {
            return result;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var (clause, parameters) = Database.InIds("room_id", result.Keys);
        var rows = await connection.QueryAsync<(string RoomId, string Emoji, long Count)>(new CommandDefinition(
            $"SELECT room_id, emoji, count FROM reactions WHERE {clause} ORDER BY room_id, emoji", parameters, cancellationToken: cancellationToken));
        foreach (var group in rows.GroupBy(r => r.RoomId))
        {
            result[group.Key] = group.Select(r => new ReactionCount(r.Emoji, r.Count)).ToList();
        }

        return result;
    }
}
