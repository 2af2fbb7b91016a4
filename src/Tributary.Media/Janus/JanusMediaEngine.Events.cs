using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Tributary.Media.Janus;

public sealed partial class JanusMediaEngine
{
    // Per Janus handle: completed once its PeerConnection is up (webrtcup), and the simulcast substream VideoRoom
    // last reported for a downlink. Handle ids are random per Janus, so entries of a dead session never collide.
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _mediaUp = new();
    private readonly ConcurrentDictionary<long, SubstreamWatch> _substreams = new();

    /// <summary>Reads the session's asynchronous events for as long as it is open.</summary>
    private async Task PumpEventsAsync(JanusSession session)
    {
        try
        {
            await foreach (var e in session.Events.ReadAllAsync().ConfigureAwait(false))
            {
                if (e.HandleId is not { } handle)
                {
                    continue;
                }

                switch (e.Kind)
                {
                    case "webrtcup":
                        MediaUp(handle).TrySetResult();
                        Log.MediaUp(_logger, handle);
                        break;
                    case "hangup":
                        _mediaUp.TryRemove(handle, out _);
                        Log.MediaDown(_logger, handle, e.Message["reason"]?.GetValue<string>() ?? "");
                        break;
                    case "detached":
                        ForgetHandle(handle);
                        break;
                    case "event" when SubstreamOf(e) is { } layer:
                        if (_substreams.TryGetValue(handle, out var watch))
                        {
                            watch.Report(layer);
                        }

                        Log.SubstreamSwitched(_logger, handle, layer);
                        break;
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.EventPumpFailed(_logger, session.Id, e.Message);
        }
    }

    /// <summary>VideoRoom's report that a subscriber now relays a simulcast substream (<c>{"videoroom":"event","substream":N}</c>).</summary>
    private static int? SubstreamOf(JanusEvent e) =>
        e.PluginData?["substream"] is JsonValue value && value.TryGetValue(out int layer) ? layer : null;

    private TaskCompletionSource MediaUp(long handle) =>
        _mediaUp.GetOrAdd(handle, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>True once the handle's PeerConnection is up; false when <paramref name="timeout"/> passed first.</summary>
    private async Task<bool> WaitForMediaAsync(long handle, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await MediaUp(handle).Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private void ForgetHandle(long handle)
    {
        _mediaUp.TryRemove(handle, out _);
        if (_substreams.TryRemove(handle, out var watch))
        {
            watch.Report(-1);
        }
    }

    /// <summary>Starts watching a downlink for VideoRoom's report that it now relays <paramref name="substream"/>.</summary>
    private Task ExpectSubstream(long downlink, int substream)
    {
        var watch = new SubstreamWatch(substream);
        _substreams[downlink] = watch;
        return watch.Reached;
    }

    /// <summary>
    /// Asks the publisher for a keyframe until VideoRoom reports the switch (MEDIA-TESTING.md: the first switch
    /// otherwise often waited for the room's periodic keyframe request), at most
    /// <see cref="JanusOptions.LayerSwitchAttempts"/> times.
    /// </summary>
    private async Task RequestKeyframesUntilSwitchedAsync(JanusSession session, string roomId, long station, long downlink, int substream, Task switched)
    {
        try
        {
            for (var attempt = 1; attempt <= _options.LayerSwitchAttempts; attempt++)
            {
                await session.MessageAsync(station, new JsonObject { ["request"] = "configure", ["keyframe"] = true }).ConfigureAwait(false);
                try
                {
                    await switched.WaitAsync(_options.LayerSwitchRetryInterval).ConfigureAwait(false);
                    return;
                }
                catch (TimeoutException)
                {
                    Log.LayerSwitchPending(_logger, roomId, downlink, substream, attempt);
                }
            }
        }
        catch (JanusException e)
        {
            Log.JanusFailed(_logger, "SIMULCAST_UPDATE", roomId, e.Code, e.Message);
        }
        finally
        {
            if (_substreams.TryGetValue(downlink, out var watch) && watch.Reached == switched)
            {
                _substreams.TryRemove(new KeyValuePair<long, SubstreamWatch>(downlink, watch));
            }
        }
    }

    /// <summary>One pending simulcast switch of a downlink.</summary>
    private sealed class SubstreamWatch(int target)
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task;

        /// <summary>A substream VideoRoom reported (or -1: the downlink is gone, stop waiting).</summary>
        public void Report(int substream)
        {
            if (substream == target || substream < 0)
            {
                _reached.TrySetResult();
            }
        }
    }
}
