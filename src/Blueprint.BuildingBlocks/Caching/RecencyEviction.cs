namespace Blueprint.BuildingBlocks.Caching;

/// <summary>LRU (a hit moves the entry to the front) and FIFO (it does not): the victim is at the back.</summary>
internal sealed class RecencyEviction<TKey, TValue>(bool moveOnHit) : Eviction<TKey, TValue>
{
    private readonly EntryList<TKey, TValue> _order = new();

    public override void Inserted(CacheEntry<TKey, TValue> entry) => _order.AddFirst(entry);

    public override void Hit(CacheEntry<TKey, TValue> entry)
    {
        if (moveOnHit && _order.First != entry)
        {
            _order.Remove(entry);
            _order.AddFirst(entry);
        }
    }

    public override void Removed(CacheEntry<TKey, TValue> entry) => _order.Remove(entry);

    public override CacheEntry<TKey, TValue>? Victim() => _order.Last;
}
