using Microsoft.Playwright;
using Tributary.Media.Tests.Browser;
using Tributary.Testing.Media;

namespace Tributary.Media.Tests.MediaFleet;

/// <summary>
/// Chaos (issue 10): a room with two publishers and three viewers in Chromium, signaled on an <c>edge,api,control</c>
/// process, its stations on separate <c>tributary serve --roles media</c> processes (each with its own Janus), all in
/// one network namespace. The munit process holding a station is killed with <c>kill -9</c> together with its Janus;
/// every viewer must decode every publisher again. No timing is asserted (the recovery bench measures it): the waits
/// are generous because the machine is loaded.
/// </summary>
[Collection(MediaBrowserCollection.Name)]
public sealed class MunitChaosBrowserTests(MediaBrowserFixture fixture)
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task After_kill_9_of_the_munit_holding_a_station_clients_handling_RESTART_decode_every_publisher_again()
    {
        await using var room = await ChaosRoom.StartAsync(fixture.Html, "restart");

        var victim = await room.KillPublisherMunitAsync();

        await room.EveryViewerDecodesEveryPublisherAgainAsync();
        Assert.Contains("RESTART 200", await room.Publishers[0].LogAsync(), StringComparison.Ordinal);
        Assert.Contains("restart offer ok", await room.Publishers[0].LogAsync(), StringComparison.Ordinal);
        foreach (var viewer in room.Viewers)
        {
            Assert.Contains("restart watch ok", await viewer.LogAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await viewer.RejoinsAsync());
        }

        Assert.NotEqual(victim, room.MunitOf(room.Publishers[0]));
    }

    [Fact]
    public async Task After_kill_9_of_the_munit_holding_a_station_clients_ignoring_RESTART_recover_by_re_JOIN_on_a_healthy_munit()
    {
        await using var room = await ChaosRoom.StartAsync(fixture.Html, "watchdog");

        var victim = await room.KillPublisherMunitAsync();

        await room.EveryViewerDecodesEveryPublisherAgainAsync();
        Assert.True(await room.Publishers[0].RejoinsAsync() > 0, await room.Publishers[0].LogAsync());
        foreach (var viewer in room.Viewers)
        {
            Assert.True(await viewer.RejoinsAsync() > 0, await viewer.LogAsync());
            Assert.DoesNotContain("restart watch", await viewer.LogAsync(), StringComparison.Ordinal);
        }

        var now = room.MunitOf(room.Publishers[0]);
        Assert.NotEqual(victim, now);
        Assert.Contains(now, room.Fleet.Munits.Keys);
    }

    /// <summary>The fleet, the browser and the room's five pages, recovering with one mode.</summary>
    internal sealed class ChaosRoom : IAsyncDisposable
    {
        private readonly Dictionary<(RoomPage Viewer, RoomPage Publisher), RoomPage.DownlinkStats> _before = [];
        private IPlaywright? _playwright;
        private IBrowser? _browser;

        private ChaosRoom(NamespacedFleet fleet) => Fleet = fleet;

        public NamespacedFleet Fleet { get; }

        public List<RoomPage> Publishers { get; } = [];

        public List<RoomPage> Viewers { get; } = [];

        public Func<Task<string>> Context => async () =>
        {
            var logs = new List<string>();
            foreach (var page in Publishers.Concat(Viewers))
            {
                try
                {
                    logs.Add(await page.LogAsync());
                }
                catch (PlaywrightException e)
                {
                    logs.Add($"{page.Name}: {e.Message}");
                }
            }

            return string.Join('\n', logs) + "\n" + Fleet.Output();
        };

        /// <summary>
        /// Three munits, one station each at most (<c>Fleet:MaxStations=1</c>), so the two publishers' stations sit
        /// on two munits and the third takes the killed one's station; the viewers decode both publishers.
        /// </summary>
        public static async Task<ChaosRoom> StartAsync(string html, string mode)
        {
            var fleet = await NamespacedFleet.StartAsync(["m1", "m2", "m3"], ["--Fleet:MaxStations=1", MediaBrowserFixture.PresenceTimeout]);
            var room = new ChaosRoom(fleet);
            try
            {
                await room.OpenAsync(html, mode);
                return room;
            }
            catch
            {
                await room.DisposeAsync();
                throw;
            }
        }

        private async Task OpenAsync(string html, string mode)
        {
            var control = Fleet.Control;
            foreach (var id in Fleet.Munits.Keys)
            {
                await Eventually.WaitAsync(() => Task.FromResult(control.Output.Contains($"Munit {id} joined the fleet", StringComparison.Ordinal)), j => j, $"munit {id} registered", Context);
            }

            _playwright = await Playwright.CreateAsync();
            _browser = await NamespacedChromium.LaunchAsync(_playwright, Fleet.Namespace, control.DataDir);
            foreach (var name in new[] { "pub1", "pub2" })
            {
                Publishers.Add(await OpenPageAsync(html, name));
            }

            foreach (var name in new[] { "view1", "view2", "view3" })
            {
                Viewers.Add(await OpenPageAsync(html, name));
            }

            var rid = Guid.NewGuid().ToString();
            var owner = Publishers[0];
            foreach (var publisher in Publishers)
            {
                Assert.Equal(200, (await publisher.JoinAsync(rid, "m2m", create: publisher == owner, ignoreOffers: true)).C);
                if (publisher != owner)
                {
                    // A second publisher in m2m: raise a hand, the owner accepts.
                    Assert.Equal(200, await publisher.RequestPublishAsync());
                    Assert.Equal(200, await owner.AcceptPublishAsync(publisher));
                }

                var published = await publisher.PublishAsync(codec: "VP8");
                Assert.True(published.C == 200, $"{publisher.Name} OFFER answered {published.C} {published.Msg}\n{await Context()}");
                await Eventually.WaitAsync(publisher.UplinkStateAsync, s => s == "connected", $"{publisher.Name}'s uplink", Context);
            }

            Assert.NotEqual(MunitOf(Publishers[0]), MunitOf(Publishers[1]));
            foreach (var viewer in Viewers)
            {
                var joined = await viewer.JoinAsync(rid, "m2m", create: false, video: false, audio: false);
                Assert.True(joined is { C: 200, Answers: [200, 200] }, $"{viewer.Name} JOIN answered {joined.C} {joined.Msg}\n{await Context()}");
            }

            foreach (var viewer in Viewers)
            {
                foreach (var publisher in Publishers)
                {
                    await M2mBrowserTests.DecodesAsync(viewer, publisher, "VP8", Context);
                }
            }

            foreach (var page in Publishers.Concat(Viewers))
            {
                await page.RecoverByAsync(mode);
            }
        }

        /// <summary>Kills the munit holding the first publisher's station (process and Janus); answers its id.</summary>
        public async Task<string> KillPublisherMunitAsync()
        {
            var victim = MunitOf(Publishers[0]);
            foreach (var viewer in Viewers)
            {
                foreach (var publisher in Publishers)
                {
                    _before[(viewer, publisher)] = await viewer.StatsAsync(publisher);
                }
            }

            await Fleet.KillMunitAsync(victim);
            return victim;
        }

        /// <summary>
        /// Every viewer decodes every publisher again: the killed munit's publisher through a new downlink, the other
        /// one through a downlink whose decoded frames and audio packets rise past what they were before the kill.
        /// </summary>
        public async Task EveryViewerDecodesEveryPublisherAgainAsync()
        {
            foreach (var viewer in Viewers)
            {
                foreach (var publisher in Publishers)
                {
                    var before = _before[(viewer, publisher)];
                    var lost = publisher == Publishers[0];
                    var first = await Eventually.WaitAsync(
                        () => viewer.StatsAsync(publisher),
                        s => (lost ? s.N != before.N : s.N != before.N || s.FramesDecoded > before.FramesDecoded) && s.FramesDecoded > 0 && s.AudioPackets > 0,
                        $"{viewer.Name} decoding {publisher.Name} again (before the kill {before})",
                        Context,
                        Recovery);
                    await Eventually.WaitAsync(
                        () => viewer.StatsAsync(publisher),
                        s => s.N == first.N && s.FramesDecoded > first.FramesDecoded && s.AudioPackets > first.AudioPackets,
                        $"{viewer.Name} still decoding {publisher.Name} (first {first})",
                        Context,
                        Recovery);
                }
            }
        }

        /// <summary>The munit the control server last placed or found <paramref name="publisher"/>'s station on.</summary>
        public string MunitOf(RoomPage publisher) => StationLog.MunitOf(Fleet.Control, publisher);

        public async ValueTask DisposeAsync()
        {
            foreach (var page in Publishers.Concat(Viewers))
            {
                await page.DisposeAsync();
            }

            if (_browser is not null)
            {
                await _browser.DisposeAsync();
            }

            _playwright?.Dispose();
            await Fleet.DisposeAsync();
        }

        private async Task<RoomPage> OpenPageAsync(string html, string name)
        {
            var control = Fleet.Control;
            var page = await NamespacedChromium.OpenPageAsync(_browser!, control, html, name);
            return new RoomPage(page, control, name, await control.CreateUserAsync(name), Guid.NewGuid().ToString());
        }
    }
}
