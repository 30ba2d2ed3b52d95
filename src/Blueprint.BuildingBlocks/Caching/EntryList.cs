namespace Blueprint.BuildingBlocks.Caching;

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
