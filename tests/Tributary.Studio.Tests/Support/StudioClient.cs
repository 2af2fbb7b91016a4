using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tributary.Auth;
using Tributary.Data;
using Tributary.Testing;

namespace Tributary.Studio.Tests.Support;

/// <summary>GraphQL over real HTTP to a test host, as one user (or anonymous), plus database counts.</summary>
public sealed class StudioClient(TributaryTestHost host, string? token)
{
    public const string StudioFields = "id roomId layout stage title logoUrl live ingestUrl destinations { id kind url state bitrateKbps droppedFrames uptimeSeconds attempts }";

    public TributaryTestHost Host => host;

    /// <summary>The same user talking to another node of the cluster.</summary>
    public StudioClient On(TributaryTestHost other) => new(other, token);

    public static async Task<StudioClient> SignInAsync(TributaryTestHost host, string name)
    {
        var id = await TestUsers.InsertAsync(host.Services.GetRequiredService<Database>(), name);
        var (token, _) = host.Services.GetRequiredService<AccessTokens>().Issue(id, name);
        return new StudioClient(host, token);
    }

    public async Task<JsonElement> PostAsync(string query, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>data.field, asserting there is no error.</summary>
    public async Task<JsonElement> DataAsync(string query, string field, object? variables = null)
    {
        var body = await PostAsync(query, variables);
        Assert.False(body.TryGetProperty("errors", out _), body.ToString());
        return body.GetProperty("data").GetProperty(field);
    }

    public async Task<string> CreateRoomAsync(string access = "PUBLIC") =>
        (await DataAsync($"mutation {{ createRoom(type: M2M, title: \"studio room\", access: {access}) {{ id }} }}", "createRoom")).GetProperty("id").GetString()!;

    public async Task<string> CreateStudioAsync(string roomId) =>
        (await DataAsync($"mutation ($r: ID!) {{ createStudio(roomId: $r) {{ {StudioFields} }} }}", "createStudio", new { r = roomId })).GetProperty("id").GetString()!;

    public async Task<JsonElement> StudioAsync(string studioId) =>
        await DataAsync($"query ($id: ID!) {{ studio(id: $id) {{ {StudioFields} }} }}", "studio", new { id = studioId });

    public async Task<long> CountAsync(string sql, object? parameters = null)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    public async Task<string> SnapshotAsync(string table)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        var rows = await connection.QueryAsync($"SELECT * FROM {table} ORDER BY id");
        return JsonSerializer.Serialize(rows.Select(r => (IDictionary<string, object?>)r));
    }
}
