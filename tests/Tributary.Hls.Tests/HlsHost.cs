using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Tributary.Auth;
using Tributary.Hls.Broadcasts;
using Tributary.Rooms;
using Tributary.Testing;

namespace Tributary.Hls.Tests;

/// <summary>The real server with a hand-filled room directory, and a broadcaster's view of it.</summary>
public sealed class HlsHost : IAsyncDisposable
{
    private HlsHost(TributaryTestHost host, FakeRoomDirectory rooms)
    {
        Host = host;
        Rooms = rooms;
    }

    public TributaryTestHost Host { get; }

    public FakeRoomDirectory Rooms { get; }

    public HttpClient Http => Host.Http;

    public static async Task<HlsHost> StartAsync(IEnumerable<string>? args = null, Action<IServiceCollection>? services = null, bool realRooms = false)
    {
        var rooms = new FakeRoomDirectory();
        var host = await TributaryTestHost.StartAsync(args: args, configure: b =>
        {
            if (!realRooms)
            {
                b.Services.AddSingleton<IRoomDirectory>(rooms);
            }

            services?.Invoke(b.Services);
        });
        return new HlsHost(host, rooms);
    }

    public string TokenFor(string userId) => Host.GetRequiredService<AccessTokens>().Issue(userId).Token;

    /// <summary>A live p2m room published by a new user: (userId, roomId).</summary>
    public (string UserId, string RoomId) NewBroadcast()
    {
        var userId = "u" + Guid.NewGuid().ToString("N")[..8];
        var roomId = Guid.NewGuid().ToString();
        Rooms.Set(roomId, userId);
        return (userId, roomId);
    }

    public IBroadcastGrain Grain(string userId, string roomId) =>
        Host.GetRequiredService<IGrainFactory>().GetGrain<IBroadcastGrain>(BroadcastKey.Of(userId, roomId));

    public async Task<(int Status, JsonNode Json)> PostAsync(string? userId, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/data") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (userId is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(userId));
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!);
    }

    public async Task<(int Status, JsonNode Json)> PostAsync(string? userId, JsonObject body) => await PostAsync(userId, body.ToJsonString());

    public async Task UploadOkAsync(string userId, JsonObject body)
    {
        var (status, json) = await PostAsync(userId, body);
        Assert.True(status == 200, $"upload answered {status}: {json.ToJsonString()}");
    }

    public async Task<string> GetTextAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return text;
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
