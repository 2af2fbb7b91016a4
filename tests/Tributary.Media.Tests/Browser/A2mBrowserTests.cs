namespace Tributary.Media.Tests.Browser;

/// <summary>a2m through Janus with real browsers: audio only, and UPDATE's mute stops the audio at the media server.</summary>
[Collection(MediaBrowserCollection.Name)]
public sealed class A2mBrowserTests(MediaBrowserFixture fixture)
{
    [Fact]
    public async Task A2m_listener_receives_audio_without_video_and_UPDATE_mute_stops_the_packets_until_unmute()
    {
        var rid = Guid.NewGuid().ToString();
        await using var a = await fixture.OpenAsync("alice");
        await using var b = await fixture.OpenAsync("bob");
        var context = BrowserContext.Of(fixture.Server, a, b);

        Assert.Equal(200, (await a.JoinAsync(rid, "a2m", create: true, video: false)).C);
        var published = await a.PublishAsync(video: false, audio: true);
        Assert.True(published.C == 200, $"OFFER answered {published.C} {published.Msg}\n{await context()}");
        Assert.DoesNotContain("m=video", published.Answer!, StringComparison.Ordinal);
        await Eventually.WaitAsync(a.UplinkStateAsync, s => s == "connected", "A's uplink", context);

        var joined = await b.JoinAsync(rid, "a2m", create: false, video: false);
        Assert.Equal([a.SessionId], joined.Sdps ?? []);
        var first = await Eventually.WaitAsync(() => b.StatsAsync(a), s => s.AudioPackets > 0, "B receiving A's audio", context);
        Assert.True(first is { ActiveAudio: true, ActiveVideo: false, FramesDecoded: 0 }, $"a2m downlink negotiated video: {first}");
        await RisingAsync(b, a, context);

        Assert.Equal(200, await a.UpdateAsync(video: false, audio: false));
        await StillAsync(b, a, context);

        Assert.Equal(200, await a.UpdateAsync(video: false, audio: true));
        await RisingAsync(b, a, context);
    }

    [Fact]
    public async Task A2m_offer_with_video_answers_2001_and_Janus_holds_nothing_until_an_audio_only_offer()
    {
        var rid = Guid.NewGuid().ToString();
        await using var a = await fixture.OpenAsync("alice");
        var context = BrowserContext.Of(fixture.Server, a);
        Assert.Equal(200, (await a.JoinAsync(rid, "a2m", create: true, video: false)).C);

        var refused = await a.PublishAsync(video: true, audio: true);

        Assert.True(refused.C == 2001, $"OFFER with video answered {refused.C} {refused.Msg}\n{await context()}");
        Assert.Contains("audio only", refused.Msg, StringComparison.Ordinal);
        Assert.False(await fixture.Janus.RoomExistsAsync(rid), "a VideoRoom room was created for the refused offer");
        Assert.DoesNotContain(await fixture.Janus.HandlesAsync(), h => h.Feed == a.SessionId);

        // The room is unchanged: the same publisher's audio-only offer is then accepted.
        var accepted = await a.PublishAsync(video: false, audio: true);
        Assert.True(accepted.C == 200, $"audio-only OFFER answered {accepted.C} {accepted.Msg}\n{await context()}");
        Assert.DoesNotContain("m=video", accepted.Answer!, StringComparison.Ordinal);
        Assert.True(await fixture.Janus.RoomExistsAsync(rid));
        Assert.Single(await fixture.Janus.HandlesAsync(), h => h.Type == "publisher" && h.Feed == a.SessionId);
    }

    private static async Task RisingAsync(RoomPage listener, RoomPage speaker, Func<Task<string>> context)
    {
        var before = await listener.StatsAsync(speaker);
        await Eventually.WaitAsync(() => listener.StatsAsync(speaker), s => s.AudioPackets > before.AudioPackets, $"{listener.Name}'s audio packets rising", context);
    }

    /// <summary>
    /// Waits until the packet count holds still across a 3 s window (Chromium sends 50 Opus packets a second, so
    /// while anything is relayed the count moves); only the overall timeout fails the test.
    /// </summary>
    private static async Task StillAsync(RoomPage listener, RoomPage speaker, Func<Task<string>> context)
    {
        var deadline = DateTime.UtcNow + Eventually.Timeout;
        var before = await listener.StatsAsync(speaker);
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            var after = await listener.StatsAsync(speaker);
            if (after.AudioPackets == before.AudioPackets)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{listener.Name} still receives audio after mute: {before} then {after}\n{await context()}");
            before = after;
        }
    }
}
