namespace Blueprint.BuildingBlocks.Caching;

/// <summary>How a <see cref="BoundedCache{TKey, TValue}"/> is bounded and when its entries expire.</summary>
public sealed class CacheOptions<TKey, TValue>
{
    /// <summary>Which entry leaves when the cache is full.</summary>
    public EvictionPolicy Policy { get; set; } = EvictionPolicy.Lru;

    /// <summary>The most entries it holds; must be positive.</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>The most bytes it holds, as <see cref="SizeOf"/> counts them; no byte bound when null.</summary>
    public long? MaxBytes { get; set; }

    /// <summary>An entry's size in bytes; needed with <see cref="MaxBytes"/>.</summary>
    public Func<TKey, TValue, long>? SizeOf { get; set; }

    /// <summary>How long an entry lives after it is written; forever when null. A Set may give its own.</summary>
    public TimeSpan? TimeToLive { get; set; }

    /// <summary>
    /// Up to this fraction of the time to live is taken off at random per entry (0 to 1), so entries
    /// written together do not expire together and stampede the source. Never lengthens a lifetime.
    /// </summary>
    public double TimeToLiveJitter { get; set; }

    /// <summary>The clock for expiry; the system clock when null.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Key equality; the default comparer when null.</summary>
    public IEqualityComparer<TKey>? Comparer { get; set; }
}

/// <summary>What a cache has done since it was made.</summary>
/// <param name="Hits">Lookups that found a live entry.</param>
/// <param name="Misses">Lookups that did not (expired entries count here).</param>
/// <param name="Evictions">Entries removed to make room.</param>
/// <param name="Expirations">Entries removed because their time ran out.</param>
/// <param name="Rejected">Values refused because alone they exceed <see cref="CacheOptions{TKey, TValue}.MaxBytes"/>.</param>
public readonly record struct CacheStatistics(long Hits, long Misses, long Evictions, long Expirations, long Rejected)
{
    /// <summary>Hits over lookups; 0 before any lookup.</summary>
    public double HitRatio => Hits + Misses == 0 ? 0 : Hits / (double)(Hits + Misses);
}
