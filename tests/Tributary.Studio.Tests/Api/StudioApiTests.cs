using Microsoft.Extensions.DependencyInjection;
using Tributary.Studio.Pipeline;
using Tributary.Studio.Tests.Support;
using Tributary.Testing;

namespace Tributary.Studio.Tests.Api;

public sealed class StudioApiTests
{
    private const string SetScene = "mutation ($s: ID!, $l: StudioLayout!, $st: [String!]!, $t: String, $logo: String) { setScene(studioId: $s, layout: $l, stage: $st, title: $t, logoUrl: $logo) { id layout stage title logoUrl } }";
    private const string AddDestination = "mutation ($s: ID!, $k: DestinationKind!, $u: String!, $key: String) { addDestination(studioId: $s, kind: $k, url: $u, streamKey: $key) { id kind url state } }";

    public static TheoryData<TestDatabase> Databases => new() { TestDatabase.Sqlite, TestDatabase.Postgres };

    private static Task<TributaryTestHost> StartAsync(TestDatabase database = TestDatabase.Sqlite, bool allowPrivate = true) =>
        TributaryTestHost.StartAsync(database, Hosting.ServerRoles.Api | Hosting.ServerRoles.Studio | Hosting.ServerRoles.Control,
            [$"--Studio:AllowPrivateAddresses={allowPrivate}"]);

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Owner_creates_a_studio_sets_the_scene_and_adds_a_destination_whose_key_is_sealed_and_never_returned(TestDatabase database)
    {
        await using var host = await StartAsync(database);
        var owner = await StudioClient.SignInAsync(host, "owner");
        var roomId = await owner.CreateRoomAsync();

        var studioId = await owner.CreateStudioAsync(roomId);
        var scene = await owner.DataAsync(SetScene, "setScene", new { s = studioId, l = "SIDE_BY_SIDE", st = new[] { "ingest", "publisher-2" }, t = "Hello studio" });
        var destination = await owner.DataAsync(AddDestination, "addDestination", new { s = studioId, k = "TWITCH", u = "rtmp://127.0.0.1:1935/app", key = "live_123456_SecretKey" });

        Assert.Equal("SIDE_BY_SIDE", scene.GetProperty("layout").GetString());
        Assert.Equal(["ingest", "publisher-2"], scene.GetProperty("stage").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("OFFLINE", destination.GetProperty("state").GetString());
        var studio = await owner.StudioAsync(studioId);
        Assert.Equal(roomId, studio.GetProperty("roomId").GetString());
        Assert.Equal("Hello studio", studio.GetProperty("title").GetString());
        Assert.False(studio.GetProperty("live").GetBoolean());
        var listed = Assert.Single(studio.GetProperty("destinations").EnumerateArray());
        Assert.Equal("TWITCH", listed.GetProperty("kind").GetString());
        Assert.DoesNotContain("SecretKey", studio.ToString(), StringComparison.Ordinal);
        var stored = await owner.SnapshotAsync("studio_destinations");
        Assert.DoesNotContain("SecretKey", stored, StringComparison.Ordinal);
        Assert.Equal(1, await owner.CountAsync("SELECT COUNT(*) FROM studio_destinations WHERE stream_key <> ''"));
    }

    [Fact]
    public async Task CreateStudio_for_an_unknown_room_answers_NOT_FOUND_and_creates_nothing()
    {
        await using var host = await StartAsync();
        var owner = await StudioClient.SignInAsync(host, "owner");

        var body = await owner.PostAsync("mutation { createStudio(roomId: \"0123456789abcdef0123456789abcdef\") { id } }");

        Assert.Equal(("NOT_FOUND", null), GraphQLErrors.First(body));
        Assert.Equal(0, await owner.CountAsync("SELECT COUNT(*) FROM studios"));
    }

    [Fact]
    public async Task CreateStudio_for_a_room_of_another_user_answers_FORBIDDEN_and_creates_nothing()
    {
        await using var host = await StartAsync();
        var owner = await StudioClient.SignInAsync(host, "owner");
        var other = await StudioClient.SignInAsync(host, "other");
        var roomId = await owner.CreateRoomAsync();

        var body = await other.PostAsync("mutation ($r: ID!) { createStudio(roomId: $r) { id } }", new { r = roomId });

        Assert.Equal("FORBIDDEN", GraphQLErrors.First(body).Code);
        Assert.Equal(0, await owner.CountAsync("SELECT COUNT(*) FROM studios"));
    }

    [Fact]
    public async Task Anonymous_callers_are_refused_with_UNAUTHENTICATED()
    {
        await using var host = await StartAsync();
        var owner = await StudioClient.SignInAsync(host, "owner");
        var roomId = await owner.CreateRoomAsync();

        var body = await new StudioClient(host, null).PostAsync("mutation ($r: ID!) { createStudio(roomId: $r) { id } }", new { r = roomId });

        Assert.Equal("UNAUTHENTICATED", GraphQLErrors.First(body).Code);
        Assert.Equal(0, await owner.CountAsync("SELECT COUNT(*) FROM studios"));
    }

    [Fact]
    public async Task Another_user_may_not_see_or_drive_a_studio_and_nothing_changes_or_starts()
    {
        await using var host = await StartAsync();
        var owner = await StudioClient.SignInAsync(host, "owner");
        var other = await StudioClient.SignInAsync(host, "other");
        var studioId = await owner.CreateStudioAsync(await owner.CreateRoomAsync());
        await owner.DataAsync(AddDestination, "addDestination", new { s = studioId, k = "CUSTOM", u = "rtmp://127.0.0.1:1935/live", key = "k1" });
        var studiosBefore = await owner.SnapshotAsync("studios");
        var destinationsBefore = await owner.SnapshotAsync("studio_destinations");

        var attempts = new (string Query, object Variables)[]
        {
            ("query ($id: ID!) { studio(id: $id) { id } }", new { id = studioId }),
            (SetScene, new { s = studioId, l = "GRID", st = new[] { "x" }, t = "taken over" }),
            (AddDestination, new { s = studioId, k = "YOUTUBE", u = "rtmp://127.0.0.1:1935/live2", key = "k2" }),
            ("mutation ($id: ID!) { goLive(id: $id) { id } }", new { id = studioId }),
            ("mutation ($id: ID!) { endLive(id: $id) { id } }", new { id = studioId }),
        };
        foreach (var (query, variables) in attempts)
        {
            Assert.Equal("FORBIDDEN", GraphQLErrors.First(await other.PostAsync(query, variables)).Code);
        }

        Assert.Equal(studiosBefore, await owner.SnapshotAsync("studios"));
        Assert.Equal(destinationsBefore, await owner.SnapshotAsync("studio_destinations"));
        Assert.Equal(0, host.Services.GetRequiredService<StudioSessions>().Count);
        Assert.Equal(0, await owner.CountAsync("SELECT COUNT(*) FROM outbox WHERE topic LIKE 'studio.%'"));
    }

    [Theory]
    [InlineData("http://example.com/live")]
    [InlineData("rtmp://")]
    [InlineData("not a url")]
    [InlineData("rtmp://user:password@example.com/live")]
    [InlineData("rtmp://example.com/live?key=abc")]
    public async Task AddDestination_with_an_invalid_url_answers_BAD_USER_INPUT_on_url_and_stores_nothing(string url)
    {
        await using var host = await StartAsync();
        var owner = await StudioClient.SignInAsync(host, "owner");
        var studioId = await owner.CreateStudioAsync(await owner.CreateRoomAsync());

        var body = await owner.PostAsync(AddDestination, new { s = studioId, k = "CUSTOM", u = url, key = "abc" });

        Assert.Equal(("BAD_USER_INPUT", "url"), GraphQLErrors.First(body));
        Assert.Equal(0, await owner.CountAsync("SELECT COUNT(*) FROM studio_destinations"));
    }

    [Fact]
    public async Task AddDestination_to_a_private_address_is_refused_unless_allowed()
    {
        await using var host = await StartAsync(allowPrivate: false);
        var owner = await StudioClient.SignInAsync(host, "owner");
        var studioId = await owner.CreateStudioAsync(await owner.CreateRoomAsync());

        var loopback = await owner.PostAsync(AddDestination, new { s = studioId, k = "CUSTOM", u = "rtmp://127.0.0.1:1935/live", key = "abc" });
        var privateNet = await owner.PostAsync(AddDestination, new { s = studioId, k = "CUSTOM", u = "rtmps://10.1.2.3/live", key = "abc" });

        Assert.Equal(("BAD_USER_INPUT", "url"), GraphQLErrors.First(loopback));
        Assert.Equal(("BAD_USER_INPUT", "url"), GraphQLErrors.First(privateNet));
        Assert.Equal(0, await owner.CountAsync("SELECT COUNT(*) FROM studio_destinations"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("has space")]
    public async Task AddDestination_without_a_usable_stream_key_answers_BAD_USER_INPUT_on_streamKey_and_stores_nothing(string? key)
    {
        await using var host = await StartAsync();
        var owner = await StudioClient.SignInAsync(host, "owner");
        var studioId = await owner.CreateStudioAsync(await owner.CreateRoomAsync());

        var body = await owner.PostAsync(AddDestination, new { s = studioId, k = "YOUTUBE", u = "rtmp://a.rtmp.youtube.com/live2", key });

        Assert.Equal(("BAD_USER_INPUT", "streamKey"), GraphQLErrors.First(body));
        Assert.Equal(0, await owner.CountAsync("SELECT COUNT(*) FROM studio_destinations"));
    }

    [Fact]
    public async Task SetScene_with_an_oversized_logo_answers_BAD_USER_INPUT_on_logoUrl_and_keeps_the_scene()
    {
        await using var files = new FileServer();
        await using var host = await TributaryTestHost.StartAsync(TestDatabase.Sqlite, Hosting.ServerRoles.Api | Hosting.ServerRoles.Studio | Hosting.ServerRoles.Control,
            ["--Studio:AllowPrivateAddresses=true", "--Studio:MaxLogoBytes=1024"]);
        var owner = await StudioClient.SignInAsync(host, "owner");
        var studioId = await owner.CreateStudioAsync(await owner.CreateRoomAsync());
        var small = files.Add("/small.png", "image/png", new byte[512]);
        var large = files.Add("/large.png", "image/png", new byte[4096]);
        var text = files.Add("/logo.txt", "text/plain", new byte[16]);
        await owner.DataAsync(SetScene, "setScene", new { s = studioId, l = "SOLO", st = new[] { "ingest" }, t = "before", logo = small });
        var before = await owner.SnapshotAsync("studios");

        var oversized = await owner.PostAsync(SetScene, new { s = studioId, l = "GRID", st = new[] { "a", "b" }, t = "after", logo = large });
        var notAnImage = await owner.PostAsync(SetScene, new { s = studioId, l = "GRID", st = new[] { "a", "b" }, t = "after", logo = text });
        var missing = await owner.PostAsync(SetScene, new { s = studioId, l = "GRID", st = new[] { "a", "b" }, t = "after", logo = $"http://127.0.0.1:{files.Port}/missing.png" });

        Assert.Equal(("BAD_USER_INPUT", "logoUrl"), GraphQLErrors.First(oversized));
        Assert.Equal(("BAD_USER_INPUT", "logoUrl"), GraphQLErrors.First(notAnImage));
        Assert.Equal(("BAD_USER_INPUT", "logoUrl"), GraphQLErrors.First(missing));
        Assert.Equal(before, await owner.SnapshotAsync("studios"));
    }

    [Fact]
    public async Task SetScene_with_a_bad_stage_or_title_answers_BAD_USER_INPUT_and_keeps_the_scene()
    {
        await using var host = await StartAsync();
        var owner = await StudioClient.SignInAsync(host, "owner");
        var studioId = await owner.CreateStudioAsync(await owner.CreateRoomAsync());
        var before = await owner.SnapshotAsync("studios");

        var tooMany = await owner.PostAsync(SetScene, new { s = studioId, l = "GRID", st = Enumerable.Range(0, 10).Select(i => $"p{i}").ToArray() });
        var twice = await owner.PostAsync(SetScene, new { s = studioId, l = "GRID", st = new[] { "p1", "p1" } });
        var longTitle = await owner.PostAsync(SetScene, new { s = studioId, l = "SOLO", st = new[] { "p1" }, t = new string('x', 101) });

        Assert.Equal(("BAD_USER_INPUT", "stage"), GraphQLErrors.First(tooMany));
        Assert.Equal(("BAD_USER_INPUT", "stage"), GraphQLErrors.First(twice));
        Assert.Equal(("BAD_USER_INPUT", "title"), GraphQLErrors.First(longTitle));
        Assert.Equal(before, await owner.SnapshotAsync("studios"));
    }

    [Fact]
    public async Task Unknown_studio_answers_NOT_FOUND_and_a_malformed_id_BAD_USER_INPUT()
    {
        await using var host = await StartAsync();
        var owner = await StudioClient.SignInAsync(host, "owner");

        var unknown = await owner.PostAsync("mutation { goLive(id: \"0123456789abcdef0123456789abcdef\") { id } }");
        var malformed = await owner.PostAsync("mutation { goLive(id: \"not/an id\") { id } }");

        Assert.Equal(("NOT_FOUND", null), GraphQLErrors.First(unknown));
        Assert.Equal(("BAD_USER_INPUT", "id"), GraphQLErrors.First(malformed));
        Assert.Equal(0, host.Services.GetRequiredService<StudioSessions>().Count);
    }
}
