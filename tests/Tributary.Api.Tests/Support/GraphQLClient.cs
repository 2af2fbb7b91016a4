using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using Tributary.Data;
using Tributary.Testing;

namespace Tributary.Api.Tests.Support;

/// <summary>Posts GraphQL requests to a test host over real HTTP and reads its database.</summary>
public sealed class GraphQLClient(TributaryTestHost host)
{
    public const string SignUpMutation = """
        mutation ($email: String!, $password: String!, $username: String!, $fullname: String!) {
          signUp(email: $email, password: $password, username: $username, fullname: $fullname) {
            accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id username fullname email }
          }
        }
        """;

    public const string SignInMutation = """
        mutation ($login: String!, $password: String!) {
          signIn(login: $login, password: $password) { accessToken refreshToken user { id username email } }
        }
        """;

    public const string RefreshMutation = "mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken user { id } } }";

    public const string MeQuery = "{ me { id username fullname avatarUrl email createdAt } }";

    public TributaryTestHost Host => host;

    /// <summary>POSTs a request as application/json.</summary>
    public Task<GraphQLResponse> PostAsync(string query, object? variables = null, string? bearer = null, string? apiKey = null) =>
        SendRawAsync(HttpMethod.Post, JsonSerializer.Serialize(new { query, variables }), "application/json", bearer, apiKey);

    /// <summary>Sends any body with any content type.</summary>
    public async Task<GraphQLResponse> SendRawAsync(HttpMethod method, string? body, string? contentType, string? bearer = null, string? apiKey = null, string? accept = null, string path = "/graphql")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new GraphQLResponse(response.StatusCode, response.Content.Headers.ContentType?.ToString(), json);
    }

    /// <summary>Signs up a user and returns the signUp payload (asserting success).</summary>
    public async Task<JsonElement> SignUpAsync(string username, string password = "correct horse battery", string? email = null, string fullname = "Test User")
    {
        var response = await PostAsync(SignUpMutation, new { email = email ?? $"{username}@example.com", password, username, fullname });
        Assert.True(response.Ok, response.Body.ToString());
        return response.Data("signUp");
    }

    /// <summary>Runs a scalar SQL query on the host's database.</summary>
    public async Task<long> CountAsync(string sql, object? parameters = null)
    {
        var database = host.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    /// <summary>Runs a SQL statement on the host's database (test set-up only).</summary>
    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        var database = host.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(sql, parameters);
    }

    /// <summary>All rows of a query as dynamic records (for before/after comparisons).</summary>
    public async Task<string> SnapshotAsync(string table)
    {
        var database = host.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync($"SELECT * FROM {table} ORDER BY id");
        return JsonSerializer.Serialize(rows.Select(r => (IDictionary<string, object?>)r));
    }
}
