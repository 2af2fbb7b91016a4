using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Tributary.Api.ApiKeys;
using Tributary.Api.Realtime;
using Tributary.Api.Tests.AppRooms;
using Tributary.Api.Tests.Support;
using Tributary.Testing;

namespace Tributary.Api.Tests.Business;

/// <summary>
/// Every query, mutation and subscription of the schema (accounts and API keys too) × {anonymous, another
/// user, the owner, an API key}.
/// The owner owns the rooms (one PUBLIC, one INVITE-only), wrote the message, is the callee of the call
/// and is an administrator; the API key holds users:read, rooms:read and webhooks:admin. "OK" means no
/// error; otherwise the expected extensions.code.
/// </summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    private const string Ok = "OK";
    private const string Unauth = "UNAUTHENTICATED";
    private const string Forbidden = "FORBIDDEN";
    private const string NotFound = "NOT_FOUND";

    private TributaryTestHost _host = null!;
    private GraphQLClient _client = null!;
    private AppUser _owner = null!;
    private AppUser _other = null!;
    private AppUser _target = null!;
    private string _apiKey = null!;
    private string _publicRoom = null!;
    private string _inviteRoom = null!;
    private string _message = null!;
    private string _call = null!;

    public async Task InitializeAsync()
    {
        _host = await TributaryTestHost.StartAsync(TestDatabase.Sqlite, args: ["--Accounts:AdminEmails:0=owner@example.test", "--Chat:MessagesPerWindow=1000"]);
        _client = new GraphQLClient(_host);
        _owner = await AppUser.CreateAsync(_host, "owner");
        _other = await AppUser.CreateAsync(_host, "other");
        _target = await AppUser.CreateAsync(_host, "target");
        _apiKey = (await _host.GetRequiredService<ApiKeyStore>().CreateAsync("matrix", ["users:read", "rooms:read", "webhooks:admin"], _owner.Id, CancellationToken.None)).Key;
        _publicRoom = await AppRoomApiTests.CreateAsync(_client, _owner, "public");
        _inviteRoom = await AppRoomApiTests.CreateAsync(_client, _owner, "invite", access: "INVITE", invitees: [_target.Id]);
        _message = (await _client.PostAsync("mutation ($r: ID!) { sendMessage(roomId: $r, text: \"mine\") { id } }", new { r = _publicRoom }, bearer: _owner.Token)).Data("sendMessage").GetProperty("id").GetString()!;
        var signer = await _client.PostAsync(GraphQLClient.SignUpMutation, new { email = "signer@example.test", password = "correct horse", username = "signer", fullname = "Signer" });
        Assert.True(signer.Ok, signer.Body.ToString());
        _call = (await _client.PostAsync("mutation ($u: ID!) { callUser(userId: $u) { id } }", new { u = _owner.Id }, bearer: _target.Token)).Data("callUser").GetProperty("id").GetString()!;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Operation, document, then the expected outcome for anonymous, another user, the owner, the API key.</summary>
    public static TheoryData<string, string, string, string, string, string> Operations => new()
    {
        { "me", "{ me { id } }", Unauth, Ok, Ok, Forbidden },
        { "user", "query ($owner: ID!) { user(id: $owner) { id } }", Unauth, Ok, Ok, Ok },
        { "apiKeys", "{ apiKeys { id } }", Unauth, Forbidden, Ok, Forbidden },
        { "signUp", "mutation ($fresh: String!, $email: String!) { signUp(email: $email, password: \"correct horse\", username: $fresh, fullname: \"New\") { accessToken } }", Ok, Ok, Ok, Ok },
        { "signIn", "mutation { signIn(login: \"signer\", password: \"correct horse\") { accessToken } }", Ok, Ok, Ok, Ok },
        { "refreshToken", "mutation ($refresh: String!) { refreshToken(refreshToken: $refresh) { accessToken } }", Ok, Ok, Ok, Ok },
        { "signOut", "mutation ($refresh: String!) { signOut(refreshToken: $refresh) }", Ok, Ok, Ok, Ok },
        { "updateProfile", "mutation { updateProfile(fullname: \"Renamed\") { id } }", Unauth, Ok, Ok, Forbidden },
        { "createApiKey", "mutation { createApiKey(name: \"k\", scopes: [\"users:read\"]) { key } }", Unauth, Forbidden, Ok, Forbidden },
        { "revokeApiKey", "mutation ($missing: ID!) { revokeApiKey(id: $missing) }", Unauth, Forbidden, NotFound, Forbidden },
        { "followers", "query ($owner: ID!) { followers(userId: $owner) { edges { cursor } } }", Unauth, Ok, Ok, Ok },
        { "following", "query ($owner: ID!) { following(userId: $owner) { edges { cursor } } }", Unauth, Ok, Ok, Ok },
        { "searchUsers", "{ searchUsers(prefix: \"o\") { id } }", Unauth, Ok, Ok, Ok },
        { "user.followersCount", "query ($owner: ID!) { user(id: $owner) { followersCount isFollowing } }", Unauth, Ok, Ok, Ok },
        { "notifications", "{ notifications { edges { cursor } } }", Unauth, Ok, Ok, Forbidden },
        { "unreadNotificationCount", "{ unreadNotificationCount }", Unauth, Ok, Ok, Forbidden },
        { "room (public)", "query ($public: ID!) { room(id: $public) { id } }", Unauth, Ok, Ok, Ok },
        { "room (invite)", "query ($invite: ID!) { room(id: $invite) { id } }", Unauth, NotFound, Ok, NotFound },
        { "room (call)", "query ($call: ID!) { room(id: $call) { id } }", Unauth, NotFound, Ok, NotFound },
        { "liveRooms", "{ liveRooms { edges { cursor } } }", Unauth, Ok, Ok, Ok },
        { "messages (public)", "query ($public: ID!) { messages(roomId: $public) { edges { cursor } } }", Unauth, Ok, Ok, Ok },
        { "messages (invite)", "query ($invite: ID!) { messages(roomId: $invite) { edges { cursor } } }", Unauth, NotFound, Ok, NotFound },
        { "webhooks", "{ webhooks { id } }", Unauth, Forbidden, Ok, Ok },
        { "webhookDeliveries", "query ($missing: ID!) { webhookDeliveries(webhookId: $missing) { id } }", Unauth, Forbidden, Ok, Ok },
        { "follow", "mutation ($target: ID!) { follow(userId: $target) { id } }", Unauth, Ok, Ok, Forbidden },
        { "unfollow", "mutation ($target: ID!) { unfollow(userId: $target) }", Unauth, Ok, Ok, Forbidden },
        { "block", "mutation ($target: ID!) { block(userId: $target) }", Unauth, Ok, Ok, Forbidden },
        { "unblock", "mutation ($target: ID!) { unblock(userId: $target) }", Unauth, Ok, Ok, Forbidden },
        { "markNotificationsRead", "mutation { markNotificationsRead }", Unauth, Ok, Ok, Forbidden },
        { "createRoom", "mutation { createRoom(type: M2M, title: \"t\") { id } }", Unauth, Ok, Ok, Forbidden },
        { "endRoom (public)", "mutation ($public: ID!) { endRoom(id: $public) { id } }", Unauth, Forbidden, Ok, Forbidden },
        { "endRoom (invite)", "mutation ($invite: ID!) { endRoom(id: $invite) { id } }", Unauth, NotFound, Ok, Forbidden },
        { "sendMessage (public)", "mutation ($public: ID!) { sendMessage(roomId: $public, text: \"hi\") { id } }", Unauth, Ok, Ok, Forbidden },
        { "sendMessage (invite)", "mutation ($invite: ID!) { sendMessage(roomId: $invite, text: \"hi\") { id } }", Unauth, NotFound, Ok, Forbidden },
        { "deleteMessage", "mutation ($message: ID!) { deleteMessage(id: $message) }", Unauth, Forbidden, Ok, Forbidden },
        { "react (public)", "mutation ($public: ID!) { react(roomId: $public, emoji: \"👍\") { count } }", Unauth, Ok, Ok, Forbidden },
        { "react (invite)", "mutation ($invite: ID!) { react(roomId: $invite, emoji: \"👍\") { count } }", Unauth, NotFound, Ok, Forbidden },
        { "callUser", "mutation ($target: ID!) { callUser(userId: $target) { id } }", Unauth, Ok, Ok, Forbidden },
        { "declineCall", "mutation ($call: ID!) { declineCall(roomId: $call) }", Unauth, NotFound, Ok, Forbidden },
        { "createWebhook", "mutation { createWebhook(url: \"https://example.com/hook\", events: [\"room.started\"]) { secret } }", Unauth, Forbidden, Ok, Ok },
        { "disableWebhook", "mutation ($missing: ID!) { disableWebhook(id: $missing) }", Unauth, Forbidden, NotFound, NotFound },
        { "replayWebhookDelivery", "mutation ($missing: ID!) { replayWebhookDelivery(id: $missing) }", Unauth, Forbidden, NotFound, NotFound },
    };

    public static TheoryData<string, string, string, string, string, string> Subscriptions => new()
    {
        { "notifications", "subscription { notifications { id } }", Unauth, Ok, Ok, Forbidden },
        { "incomingCall", "subscription { incomingCall { roomId } }", Unauth, Ok, Ok, Forbidden },
        { "messages (public)", "subscription ($public: ID!) { messages(roomId: $public) { id } }", Unauth, Ok, Ok, Ok },
        { "roomEvents (public)", "subscription ($public: ID!) { roomEvents(roomId: $public) { kind } }", Unauth, Ok, Ok, Ok },
        { "messages (invite)", "subscription ($invite: ID!) { messages(roomId: $invite) { id } }", Unauth, NotFound, Ok, NotFound },
        { "roomEvents (invite)", "subscription ($invite: ID!) { roomEvents(roomId: $invite) { kind } }", Unauth, NotFound, Ok, NotFound },
    };

    private async Task<Dictionary<string, object?>> VariablesAsync(string document)
    {
        var fresh = "u" + Guid.NewGuid().ToString("N")[..12];
        var all = new Dictionary<string, object?>
        {
            ["fresh"] = fresh,
            ["email"] = fresh + "@example.test",
            ["owner"] = _owner.Id,
            ["target"] = _target.Id,
            ["public"] = _publicRoom,
            ["invite"] = _inviteRoom,
            ["message"] = _message,
            ["call"] = _call,
            ["missing"] = Guid.NewGuid().ToString("N"),
        };
        if (document.Contains("$refresh", StringComparison.Ordinal))
        {
            // A refresh token of its own per caller: the token, not the caller, is the credential.
            var signIn = await _client.PostAsync(GraphQLClient.SignInMutation, new { login = "signer", password = "correct horse" });
            all["refresh"] = signIn.Data("signIn").GetProperty("refreshToken").GetString();
        }

        return all.Where(v => document.Contains("$" + v.Key, StringComparison.Ordinal)).ToDictionary();
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Queries_and_mutations_allow_and_deny_per_caller(string operation, string document, string anonymous, string otherUser, string owner, string apiKey)
    {
        // The owner goes last among users so that destructive calls (endRoom, declineCall) run after the others.
        var outcomes = new List<string>();
        foreach (var (who, expected, bearer, key) in new[] { ("anonymous", anonymous, null, null), ("other user", otherUser, _other.Token, null), ("API key", apiKey, null, _apiKey), ("owner", owner, _owner.Token, (string?)null) })
        {
            var response = await _client.PostAsync(document, await VariablesAsync(document), bearer: bearer, apiKey: key);
            var actual = response.ErrorCode ?? Ok;
            outcomes.Add($"{who}: expected {expected}, got {actual}{(actual == expected ? string.Empty : " " + response.Body)}");
            Assert.True(expected == actual, $"{operation}\n{string.Join('\n', outcomes)}");
        }
    }

    [Theory]
    [MemberData(nameof(Subscriptions))]
    public async Task Subscriptions_allow_and_deny_per_caller(string operation, string document, string anonymous, string otherUser, string owner, string apiKey)
    {
        var outcomes = new List<string>();
        foreach (var (who, expected, init) in new[] { ("anonymous", anonymous, (object?)null), ("other user", otherUser, new { token = _other.Token }), ("owner", owner, new { token = _owner.Token }), ("API key", apiKey, new { apiKey = _apiKey }) })
        {
            var actual = await SubscribeAsync(document, init);
            outcomes.Add($"{who}: expected {expected}, got {actual}");
            Assert.True(expected == actual, $"{operation}\n{string.Join('\n', outcomes)}");
        }
    }

    /// <summary>OK once the hub holds the subscription; else the code of the error message.</summary>
    private async Task<string> SubscribeAsync(string document, object? init)
    {
        var hub = _host.GetRequiredService<TopicHub>();
        var before = hub.LocalSubscriberCount;
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        await socket.ConnectAsync(new Uri(_host.WebSocketUri, "graphql"), CancellationToken.None);
        await SendAsync(socket, new { type = "connection_init", payload = init });
        await SendAsync(socket, new { type = "subscribe", id = "1", payload = new { query = document, variables = await VariablesAsync(document) } });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[16 * 1024];
        var receive = socket.ReceiveAsync(buffer, timeout.Token);
        while (true)
        {
            if (hub.LocalSubscriberCount > before)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                while (hub.LocalSubscriberCount > before)
                {
                    await Task.Delay(10, timeout.Token);
                }

                return Ok;
            }

            if (receive.IsCompleted)
            {
                var result = await receive;
                var message = JsonDocument.Parse(buffer.AsMemory(0, result.Count)).RootElement;
                switch (message.GetProperty("type").GetString())
                {
                    case "connection_ack":
                        receive = socket.ReceiveAsync(buffer, timeout.Token);
                        continue;
                    case "error":
                        return message.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString()!;
                    default:
                        return message.ToString();
                }
            }

            await Task.Delay(10, timeout.Token);
        }
    }

    private static Task SendAsync(ClientWebSocket socket, object message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message)), WebSocketMessageType.Text, true, CancellationToken.None);
}
