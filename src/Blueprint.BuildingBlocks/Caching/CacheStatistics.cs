namespace Blueprint.BuildingBlocks.Caching;

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
