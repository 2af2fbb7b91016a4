// Whole-process benchmark of the GraphQL `me` query against a plain minimal-API endpoint that
// authenticates the same bearer token and returns the same row, in the same process, on loopback.
// Usage: dotnet run -c Release --project bench/Tributary.Bench.Graph -- [concurrency] [requests] [connection-string]
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Tributary.Api.Accounts;
using Tributary.Auth;
using Tributary.Bench.Graph;
using Tributary.Hosting;
using Tributary.Server;

var concurrency = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 16;
var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
var connectionString = args.Length > 2 ? args[2] : null;
var dataDir = Path.Combine(Path.GetTempPath(), $"tributary-bench-{Guid.NewGuid():N}");
var port = FreePort();
var configuration = new List<string>
{
    $"--urls=http://127.0.0.1:{port}",
    $"--Server:DataDir={dataDir}",
    "--environment=Production",
    "--Logging:LogLevel:Default=Warning",
    $"--Cluster:SiloPort={FreePort()}",
    $"--Cluster:GatewayPort={FreePort()}",
};
if (connectionString is not null)
{
    configuration.Add($"--Database:ConnectionString={connectionString}");
}

var app = TributaryApp.Build(ServerRoles.Api, configuration);
// The baseline: same authentication (our JWT) and the same row read, answered with System.Text.Json.
app.MapGet("/bench/me", async (HttpContext context, AccessTokens tokens, Users users) =>
{
    var header = context.Request.Headers.Authorization.ToString();
    var (userId, _) = await tokens.ValidateAsync(header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null);
    if (userId is null)
    {
        return Results.StatusCode(StatusCodes.Status401Unauthorized);
    }

    var user = await users.FindAsync(userId, context.RequestAborted);
    return user is null
        ? Results.NotFound()
        : Results.Json(new { data = new { me = new { id = user.Id, username = user.Username, fullname = user.Fullname, avatarUrl = user.AvatarUrl, email = user.Email } } });
});
await app.StartAsync();

using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    BaseAddress = new Uri($"http://127.0.0.1:{port}"),
};
var signUp = await client.PostAsync("/graphql", Json(new
{
    query = "mutation { signUp(email: \"bench@example.com\", password: \"correct horse battery\", username: \"bench\", fullname: \"Bench Mark\") { accessToken } }",
}));
using var signUpJson = JsonDocument.Parse(await signUp.Content.ReadAsStringAsync());
var token = signUpJson.RootElement.GetProperty("data").GetProperty("signUp").GetProperty("accessToken").GetString()!;
var meBody = JsonSerializer.SerializeToUtf8Bytes(new { query = "{ me { id username fullname avatarUrl email } }" });

HttpRequestMessage GraphQL()
{
    var message = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(meBody) };
    message.Content.Headers.ContentType = new("application/json");
    message.Headers.Authorization = new("Bearer", token);
    return message;
}

HttpRequestMessage Plain()
{
    var message = new HttpRequestMessage(HttpMethod.Get, "/bench/me");
    message.Headers.Authorization = new("Bearer", token);
    return message;
}

var warmup = new LoadLoop(client, concurrency, Math.Max(1000, requests / 10));
await warmup.RunAsync("warm-up plain", Plain);
await warmup.RunAsync("warm-up graphql", GraphQL);

var loop = new LoadLoop(client, concurrency, requests);
var results = new List<LoadResult>();
for (var round = 1; round <= 2; round++)
{
    results.Add(await loop.RunAsync($"plain minimal API (round {round})", Plain));
    results.Add(await loop.RunAsync($"GraphQL me (round {round})", GraphQL));
}

Console.WriteLine($"database: {(connectionString is null ? "SQLite (embedded default)" : "PostgreSQL")}; concurrency {concurrency}; {requests} requests per run; {Environment.ProcessorCount} cores");
Console.WriteLine("| endpoint | requests | failures | req/s | p50 ms | p99 ms |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var result in results)
{
    Console.WriteLine(result);
}

var plain = results.Where(r => r.Name.StartsWith("plain", StringComparison.Ordinal)).ToList();
var graph = results.Where(r => r.Name.StartsWith("GraphQL", StringComparison.Ordinal)).ToList();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ratio GraphQL/plain: throughput {graph.Average(r => r.RequestsPerSecond) / plain.Average(r => r.RequestsPerSecond):F2}, p99 {graph.Average(r => r.P99Ms) / plain.Average(r => r.P99Ms):F2}"));

await app.StopAsync();
await app.DisposeAsync();
try
{
    Directory.Delete(dataDir, true);
}
catch (IOException)
{
    // A pooled SQLite handle may still be open; the temp folder is cleaned eventually.
}

return results.Sum(r => r.Failures) == 0 ? 0 : 1;

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static ByteArrayContent Json(object value)
{
    var content = new ByteArrayContent(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)));
    content.Headers.ContentType = new("application/json");
    return content;
}
