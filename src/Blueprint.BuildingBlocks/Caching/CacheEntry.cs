namespace Blueprint.BuildingBlocks.Caching;

/// <summary>One cached value and the bookkeeping every policy shares: list links, size, expiry, frequency.</summary>
internal sealed class CacheEntry<TKey, TValue>(TKey key, TValue value, long size, long expiresAt)
{
    public TKey Key { get; } = key;

    public TValue Value { get; set; } = value;

    public long Size { get; set; } = size;

    /// <summary>TimeProvider timestamp after which the entry is gone; long.MaxValue for never.</summary>
    public long ExpiresAt { get; set; } = expiresAt;

    /// <summary>LFU's use count, halved when counts age.</summary>
    public long Frequency { get; set; } = 1;

    public CacheEntry<TKey, TValue>? Previous { get; set; }

    public CacheEntry<TKey, TValue>? Next { get; set; }

    public EntryList<TKey, TValue>? List { get; set; }
}
