using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Tributary.Hls.Broadcasts;

namespace Tributary.Hls.Playback;

// This edge node's copy of the broadcasts it serves: the current master and media playlists (as the
// grain composed them, with the version they were composed from) and recent media pieces. The grain
// tells this node of every change before the change's upload is answered (IBroadcastWatcher), so an
// answer cached at the version the node knows is the grain's current answer. Blocking reloads that the
// cached playlist already satisfies are answered here; others go to the grain, which holds them.
internal sealed class EdgeCache : IBroadcastWatcher, IDisposable
{
    private readonly IGrainFactory _grains;
    private readonly HlsOptions _options;
    private readonly TimeProvider _time;
    private readonly HlsMetrics _metrics;
    private readonly ConcurrentDictionary<string, Broadcast> _broadcasts = new(StringComparer.Ordinal);
    private readonly MemoryCache _media;
    private readonly Lock _referenceGate = new();
    private IBroadcastWatcher? _reference;

    public EdgeCache(IGrainFactory grains, IOptions<HlsOptions> options, TimeProvider time, HlsMetrics metrics)
    {
        _grains = grains;
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _media = new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.EdgeCacheBytes });
    }

    public async Task<PlaylistResponse> GetMasterPlaylistAsync(string key)
    {
        var entry = await WatchedAsync(key);
        if (entry is not null)
        {
            lock (entry.Gate)
            {
                if (entry.Master is { } cached && cached.Version == entry.Known)
                {
                    _metrics.EdgeRequest(true);
                    return cached;
                }
            }
        }

        var response = await Grain(key).GetMasterPlaylistAsync();
        _metrics.EdgeRequest(false);
        if (entry is not null && response.Status == 200)
        {
            lock (entry.Gate)
            {
                if (Take(entry, response.Version))
                {
                    entry.Master = response;
                }
            }
        }

        return response;
    }

    public async Task<PlaylistResponse> GetMediaPlaylistAsync(string key, MediaPlaylistRequest request)
    {
        var entry = await WatchedAsync(key);
        var slot = (request.TrackId, request.Skip);
        if (entry is not null)
        {
            lock (entry.Gate)
            {
                if (entry.Playlists.TryGetValue(slot, out var cached) && cached.Version == entry.Known
                    && (request.Msn is not { } msn || cached.Ended || cached.Position.Holds(msn, request.Part)))
                {
                    _metrics.EdgeRequest(true);
                    return cached;
                }
            }
        }

        var response = await Grain(key).GetMediaPlaylistAsync(request);
        _metrics.EdgeRequest(false);
        if (entry is not null && response.Status == 200)
        {
            lock (entry.Gate)
            {
                if (Take(entry, response.Version))
                {
                    entry.Playlists[slot] = response;
                }
            }
        }

        return response;
    }

    public async Task<MediaResponse> GetMediaAsync(string key, string trackId, string name)
    {
        var entry = await WatchedAsync(key);
        BroadcastVersion? known = null;
        if (entry is not null)
        {
            lock (entry.Gate)
            {
                known = entry.Known;
            }
        }

        // Media never changes within one window of one activation: the key names both.
        if (known is { } k && _media.TryGetValue(MediaKey(key, k, trackId, name), out MediaResponse? hit) && hit is not null)
        {
            _metrics.EdgeRequest(true);
            return hit;
        }

        var response = await Grain(key).GetMediaAsync(trackId, name);
        _metrics.EdgeRequest(false);
        if (known is { } w && response.Status == 200 && response.Version.Epoch == w.Epoch && response.Version.Window == w.Window)
        {
            long size = 64;
            foreach (var chunk in response.Chunks)
            {
                size += chunk.Length;
            }

            _media.Set(MediaKey(key, w, trackId, name), response, new MemoryCacheEntryOptions
            {
                Size = size,
                AbsoluteExpirationRelativeToNow = _options.MediaMaxAge,
            });
        }

        return response;
    }

    public Task ChangedAsync(string key, BroadcastVersion version)
    {
        if (_broadcasts.TryGetValue(key, out var entry))
        {
            lock (entry.Gate)
            {
                Take(entry, version);
            }
        }

        return Task.CompletedTask;
    }

    public Task GoneAsync(string key, long epoch)
    {
        if (_broadcasts.TryGetValue(key, out var entry))
        {
            lock (entry.Gate)
            {
                if (entry.Known is { } k && k.Epoch == epoch)
                {
                    Forget(entry);
                }
            }
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_referenceGate)
        {
            if (_reference is not null)
            {
                _grains.DeleteObjectReference<IBroadcastWatcher>(_reference);
                _reference = null;
            }
        }

        _media.Dispose();
    }

    private static string MediaKey(string key, BroadcastVersion version, string trackId, string name) =>
        string.Create(CultureInfo.InvariantCulture, $"{key}\n{version.Epoch}\n{version.Window}\n{trackId}\n{name}");

    // Moves the entry to a later version (cached answers of earlier ones no longer match); true when
    // `version` is now the known one, i.e. an answer of it may be cached.
    private static bool Take(Broadcast entry, BroadcastVersion version)
    {
        if (entry.Known is not { } known)
        {
            // A change told while the first watch call is in flight may overtake its answer.
            if (entry.Renewal is not null && (entry.Pending is not { } pending || version.Supersedes(pending)))
            {
                entry.Pending = version;
            }

            return false;
        }

        if (version.Epoch != known.Epoch)
        {
            // Another activation of the grain: what this node watched is gone. Watch again first.
            Forget(entry);
            return false;
        }

        if (version.Change > known.Change)
        {
            entry.Known = version;
            entry.Master = null;
            entry.Playlists.Clear();
        }

        return entry.Known == version;
    }

    private static void Forget(Broadcast entry)
    {
        entry.Known = null;
        entry.LeaseUntil = DateTimeOffset.MinValue;
        entry.Master = null;
        entry.Playlists.Clear();
    }

    // The entry of a broadcast this node is watching (watching it first when needed), or null when the
    // cache is off or full, or the watch failed: then every answer comes from the grain.
    private async Task<Broadcast?> WatchedAsync(string key)
    {
        if (!_options.EdgeCache)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        if (!_broadcasts.TryGetValue(key, out var entry))
        {
            if (_broadcasts.Count >= _options.EdgeCacheBroadcasts)
            {
                Prune(now);
                if (_broadcasts.Count >= _options.EdgeCacheBroadcasts)
                {
                    return null;
                }
            }

            entry = _broadcasts.GetOrAdd(key, _ => new Broadcast());
        }

        Task? renewal;
        bool valid;
        lock (entry.Gate)
        {
            entry.LastUsed = now;
            valid = entry.Known is not null && now < entry.LeaseUntil;
            if (valid && now < entry.LeaseUntil - (_options.EdgeWatchLease / 2))
            {
                return entry;
            }

            entry.Renewal ??= RenewAsync(key, entry);
            renewal = entry.Renewal;
        }

        if (valid)
        {
            // Half the lease is gone: renew in the background and serve from the cache meanwhile.
            return entry;
        }

        await renewal;
        lock (entry.Gate)
        {
            return entry.Known is not null ? entry : null;
        }
    }

    private async Task RenewAsync(string key, Broadcast entry)
    {
        await Task.Yield();
        var started = _time.GetUtcNow();
        try
        {
            var version = await Grain(key).WatchAsync(Reference());
            lock (entry.Gate)
            {
                if (entry.Known is not { } known || version.Epoch != known.Epoch)
                {
                    var pending = entry.Pending;
                    Forget(entry);
                    entry.Known = version;
                    if (pending is { } p && p.Epoch == version.Epoch)
                    {
                        Take(entry, p);
                    }
                }
                else if (version.Change > known.Change)
                {
                    Take(entry, version);
                }

                entry.LeaseUntil = started + _options.EdgeWatchLease;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            lock (entry.Gate)
            {
                Forget(entry);
            }
        }
        finally
        {
            lock (entry.Gate)
            {
                entry.Renewal = null;
                entry.Pending = null;
            }
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _broadcasts)
        {
            lock (entry.Gate)
            {
                if (entry.Renewal is null && now - entry.LastUsed > _options.EdgeWatchLease)
                {
                    _broadcasts.TryRemove(key, out _);
                }
            }
        }
    }

    private IBroadcastWatcher Reference()
    {
        lock (_referenceGate)
        {
            return _reference ??= _grains.CreateObjectReference<IBroadcastWatcher>(this);
        }
    }

    private IBroadcastGrain Grain(string key) => _grains.GetGrain<IBroadcastGrain>(key);

    private sealed class Broadcast
    {
        public Lock Gate { get; } = new();

        public BroadcastVersion? Known { get; set; }

        public DateTimeOffset LeaseUntil { get; set; } = DateTimeOffset.MinValue;

        public DateTimeOffset LastUsed { get; set; }

        public Task? Renewal { get; set; }

        public BroadcastVersion? Pending { get; set; }

        public PlaylistResponse? Master { get; set; }

        public Dictionary<(string TrackId, bool Skip), PlaylistResponse> Playlists { get; } = [];
    }
}
