namespace Blueprint.BuildingBlocks.Caching;

/// <summary>The ordering half of a cache: told about inserts, hits and removals, it names the victim.</summary>
internal abstract class Eviction<TKey, TValue>
{
    public abstract void Inserted(CacheEntry<TKey, TValue> entry);

    public abstract void Hit(CacheEntry<TKey, TValue> entry);

    public abstract void Removed(CacheEntry<TKey, TValue> entry);

    public abstract CacheEntry<TKey, TValue>? Victim();

    public static Eviction<TKey, TValue> For(EvictionPolicy policy, int capacity) => policy switch
    {
        EvictionPolicy.Lru => new RecencyEviction<TKey, TValue>(moveOnHit: true),
        EvictionPolicy.Fifo => new RecencyEviction<TKey, TValue>(moveOnHit: false),
        EvictionPolicy.Lfu => new FrequencyEviction<TKey, TValue>(capacity),
        EvictionPolicy.SegmentedLru => new SegmentedEviction<TKey, TValue>(capacity),
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Policies: Lru, Lfu, Fifo, SegmentedLru."),
    };
}
