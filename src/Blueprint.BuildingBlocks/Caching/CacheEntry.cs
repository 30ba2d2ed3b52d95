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

/// <summary>An intrusive doubly linked list: O(1) add, remove and move, no allocation per operation.</summary>
internal sealed class EntryList<TKey, TValue>
{
    public CacheEntry<TKey, TValue>? First { get; private set; }

    public CacheEntry<TKey, TValue>? Last { get; private set; }

    public int Count { get; private set; }

    public void AddFirst(CacheEntry<TKey, TValue> entry)
    {
        entry.List = this;
        entry.Previous = null;
        entry.Next = First;
        if (First is null)
        {
            Last = entry;
        }
        else
        {
            First.Previous = entry;
        }

        First = entry;
        Count++;
    }

    public void Remove(CacheEntry<TKey, TValue> entry)
    {
        if (entry.Previous is null)
        {
            First = entry.Next;
        }
        else
        {
            entry.Previous.Next = entry.Next;
        }

        if (entry.Next is null)
        {
            Last = entry.Previous;
        }
        else
        {
            entry.Next.Previous = entry.Previous;
        }

        entry.Previous = entry.Next = null;
        entry.List = null;
        Count--;
    }
}
