using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tributary.Testing.Media;

// Recovery after a munit loss (issue 10): a fleet of real processes in a private network namespace (needs root) —
// an edge,api,control server and tributary serve --roles media munits with their own Janus, one station each at
// most (Fleet:MaxStations=1) — and headless Debian Chromium: one publisher and --viewers viewers in an m2m room,
// the pages handling RESTART as the web app does. Each round:
//  1. kill -9 of the munit process holding the publisher's station, with its Janus; the time from the kill to the
//     moment EVERY viewer decodes the publisher again through a new downlink (detect silence, re-place, RESTART,
//     re-OFFER, re-WATCH, ICE/DTLS, first frame);
//  2. baseline on the healthy fleet: one viewer re-JOINs from scratch (JOIN, answer the ack's offer) and decodes
//     through the new downlink — what a client's own reconnection costs without any failure;
//  3. a new spare munit process is started (not timed).
// Usage: dotnet bench/Tributary.Bench.Recovery/bin/Release/net10.0/Tributary.Bench.Recovery.dll [--kills 20] [--viewers 3]
var kills = Arg("--kills", 20);
var viewerCount = Arg("--viewers", 3);
var html = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "room.html"));
Console.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} cores");

await using var fleet = await NamespacedFleet.StartAsync(["m1", "m2"], ["--Fleet:MaxStations=1", "--Rooms:PresenceTimeout=00:05:00", "--Logging:LogLevel:Orleans=Error"], ["--Logging:LogLevel:Orleans=Error"]);
var control = fleet.Control;
foreach (var id in new[] { "m1", "m2" })
{
    await WaitForAsync(() => control.Output.Contains($"Munit {id} joined the fleet", StringComparison.Ordinal), $"munit {id} registered");
}

using var playwright = await Playwright.CreateAsync();
await using var browser = await NamespacedChromium.LaunchAsync(playwright, fleet.Namespace, control.DataDir);
var rid = Guid.NewGuid().ToString();
var publisher = await OpenAsync("publisher");
var viewers = new List<(IPage Page, string SessionId)>();
Check(await JoinAsync(publisher, create: true, ignoreOffers: true), "publisher JOIN");
Check((await publisher.Page.EvaluateAsync<System.Text.Json.JsonElement>("a => T.publish(a)", new { video = true, audio = true, codec = "VP8", simulcast = false })).GetProperty("c").GetInt32(), "publisher OFFER");
await WaitForAsync(() => publisher.Page.EvaluateAsync<string>("() => T.uplinkState()").GetAwaiter().GetResult() == "connected", "publisher's uplink connected");
for (var i = 0; i < viewerCount; i++)
{
    var viewer = await OpenAsync($"viewer{i}");
    Check(await JoinAsync(viewer, create: false, ignoreOffers: false), $"viewer{i} JOIN");
    viewers.Add(viewer);
}

foreach (var page in viewers.Append(publisher))
{
    await page.Page.EvaluateAsync("() => T.recovery('restart')");
}

foreach (var viewer in viewers)
{
    await DecodingAgainAsync(viewer, 0);
}

var recoveryMs = new List<double>();
var rejoinMs = new List<double>();
for (var round = 1; round <= kills; round++)
{
    // 1. kill -9 of the munit holding the station; every viewer waits for a new downlink that decodes.
    var victim = MunitOfPublisher();
    var before = new List<int>();
    foreach (var viewer in viewers)
    {
        before.Add(await viewer.Page.EvaluateAsync<int>("id => T.stats(id).then(s => s.n)", publisher.SessionId));
    }

    var waits = viewers.Select((v, i) => DecodingAgainAsync(v, before[i])).ToList();
    var killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    await fleet.KillMunitAsync(victim);
    var decodedAt = await Task.WhenAll(waits);
    var recovery = decodedAt.Max() - killedAt;
    recoveryMs.Add(recovery);

    // 2. Baseline: one viewer re-JOINs on the healthy fleet.
    var first = viewers[0];
    var n = await first.Page.EvaluateAsync<int>("id => T.stats(id).then(s => s.n)", publisher.SessionId);
    var joinedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    Check(await first.Page.EvaluateAsync<int>("() => T.rejoin()"), "baseline re-JOIN");
    var rejoin = await DecodingAgainAsync(first, n) - joinedAt;
    rejoinMs.Add(rejoin);
    Console.WriteLine($"round {round}: killed {victim}, station now on {MunitOfPublisher()}; every viewer decoding again after {recovery} ms; baseline re-JOIN {rejoin} ms; load {File.ReadAllText("/proc/loadavg").Trim()}");

    // 3. A new spare munit for the next round.
    var spare = $"s{round}";
    await fleet.StartMunitAsync(spare);
    await WaitForAsync(() => control.Output.Contains($"Munit {spare} joined the fleet", StringComparison.Ordinal), $"munit {spare} registered");
}

Console.WriteLine();
Console.WriteLine($"| measure | rounds | p50 ms | p99 ms | min ms | max ms |");
Console.WriteLine($"|---|---|---|---|---|---|");
Row("kill -9 → every viewer decoding again", recoveryMs);
Row("baseline: viewer re-JOIN → decoding (healthy fleet)", rejoinMs);
Console.WriteLine($"ratio p50 recovery / baseline: {Percentile(recoveryMs, 50) / Percentile(rejoinMs, 50):F1}");
Console.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
return 0;

async Task<(IPage Page, string SessionId)> OpenAsync(string name)
{
    var page = await NamespacedChromium.OpenPageAsync(browser, control, html, name);
    var user = await control.CreateUserAsync(name);
    var session = Guid.NewGuid().ToString();
    await page.EvaluateAsync("a => { window.benchArgs = a; }", new { server = control.Origin, token = control.IssueToken(user), userId = user, sessionId = session, rid });
    return (page, session);
}

async Task<int> JoinAsync((IPage Page, string SessionId) page, bool create, bool ignoreOffers) =>
    (await page.Page.EvaluateAsync<System.Text.Json.JsonElement>(
        "a => T.join({ ...window.benchArgs, ch: 'm2m', create: a.create, video: a.create, audio: a.create, ignoreOffers: a.ignoreOffers })",
        new { create, ignoreOffers })).GetProperty("c").GetInt32();

async Task<long> DecodingAgainAsync((IPage Page, string SessionId) viewer, int n) =>
    await viewer.Page.EvaluateAsync<long>("a => T.decodingAgain(a.id, a.n)", new { id = publisher.SessionId, n }).WaitAsync(TimeSpan.FromSeconds(180));

string MunitOfPublisher() =>
    Regex.Matches(control.Output, @"station of (\S+) on munit (\S+)").Where(m => m.Groups[1].Value == publisher.SessionId).Last().Groups[2].Value;

static void Check(int code, string what)
{
    if (code != 200)
    {
        throw new InvalidOperationException($"{what} answered {code}");
    }
}

static async Task WaitForAsync(Func<bool> condition, string what)
{
    var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(180);
    while (!condition())
    {
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException(what);
        }

        await Task.Delay(100);
    }
}

void Row(string name, List<double> values) =>
    Console.WriteLine($"| {name} | {values.Count} | {Percentile(values, 50):F0} | {Percentile(values, 99):F0} | {values.Min():F0} | {values.Max():F0} |");

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
    return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
