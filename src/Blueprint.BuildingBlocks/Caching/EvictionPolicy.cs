namespace Blueprint.BuildingBlocks.Caching;

/// <summary>Which entry leaves when the cache is full (seed 000 §7.9).</summary>
public enum EvictionPolicy
{
    /// <summary>Least recently used: the entry untouched for longest.</summary>
    Lru,

    /// <summary>Least frequently used, with counts that age so yesterday's favourites can leave.</summary>
    Lfu,

    /// <summary>First in, first out: the oldest entry, however popular.</summary>
    Fifo,

    /// <summary>
    /// Segmented LRU: new entries start on probation (a fifth of the space) and are promoted to the
    /// protected segment when hit again, so a burst of one-off keys cannot flush the popular ones.
    /// </summary>
    SegmentedLru,
}
