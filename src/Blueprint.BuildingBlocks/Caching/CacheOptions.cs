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
