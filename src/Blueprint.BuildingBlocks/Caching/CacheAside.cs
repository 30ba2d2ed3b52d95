using System.Collections.Concurrent;

namespace Blueprint.BuildingBlocks.Caching;

/// <summary>
/// Cache-aside (seed 000 §7.9) with stampede protection: on a miss one caller per key runs the loader
/// and every other caller of that key awaits the same load, so 100 concurrent misses on a hot key
/// cost the source one query, not 100.
/// </summary>
/// <remarks>
/// A failed load is not cached: all its waiters see the exception and the next call tries again. A
/// caller's cancellation abandons only its own wait, never the load others share.
/// </remarks>
public sealed class CacheAside<TKey, TValue>
    where TKey : notnull
{
    private readonly BoundedCache<TKey, TValue> _cache;
    private readonly ConcurrentDictionary<TKey, Lazy<Task<TValue>>> _loading;
    private long _loads;

    /// <summary>Fronts loads with <paramref name="cache"/>.</summary>
    public CacheAside(BoundedCache<TKey, TValue> cache, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
        _loading = new ConcurrentDictionary<TKey, Lazy<Task<TValue>>>(comparer);
    }

    /// <summary>The cache underneath, for invalidation and statistics.</summary>
    public BoundedCache<TKey, TValue> Cache => _cache;

    /// <summary>How many times a loader ran.</summary>
    public long Loads => Interlocked.Read(ref _loads);

    /// <summary>The cached value, or the loader's, stored for <paramref name="timeToLive"/> (the cache's own when null).</summary>
    public ValueTask<TValue> GetOrLoadAsync(TKey key, Func<TKey, CancellationToken, Task<TValue>> loader, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
        GetOrLoadAsync(key, loader, _ => timeToLive, cancellationToken);

    /// <summary>
    /// The cached value, or the loader's, stored for as long as <paramref name="timeToLiveOf"/> says for
    /// that value (the cache's own when it says null) — e.g. a negative entry for a missing row kept briefly.
    /// </summary>
    public async ValueTask<TValue> GetOrLoadAsync(TKey key, Func<TKey, CancellationToken, Task<TValue>> loader, Func<TValue, TimeSpan?> timeToLiveOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loader);
        ArgumentNullException.ThrowIfNull(timeToLiveOf);
        if (_cache.TryGet(key, out var cached))
        {
            return cached;
        }

        var load = _loading.GetOrAdd(key, k => new Lazy<Task<TValue>>(() => LoadAsync(k, loader, timeToLiveOf)));
        return await load.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<TValue> LoadAsync(TKey key, Func<TKey, CancellationToken, Task<TValue>> loader, Func<TValue, TimeSpan?> timeToLiveOf)
    {
        try
        {
            // A load that started just after another finished would find the fresh value here.
            if (_cache.TryGet(key, out var cached))
            {
                return cached;
            }

            Interlocked.Increment(ref _loads);
            var value = await loader(key, CancellationToken.None).ConfigureAwait(false);
            _cache.Set(key, value, timeToLiveOf(value));
            return value;
        }
        finally
        {
            _loading.TryRemove(key, out _);
        }
    }
}
