namespace Blueprint.BuildingBlocks.Caching;

/// <summary>
/// SLRU: a probation list for entries seen once and a protected list (80% of capacity) for entries
/// hit since; the protected list's oldest are demoted back to probation, and victims come from probation.
/// </summary>
internal sealed class SegmentedEviction<TKey, TValue>(int capacity) : Eviction<TKey, TValue>
{
    private readonly EntryList<TKey, TValue> _probation = new();
    private readonly EntryList<TKey, TValue> _protected = new();
    private readonly int _protectedCapacity = Math.Max(1, capacity * 4 / 5);

    public override void Inserted(CacheEntry<TKey, TValue> entry) => _probation.AddFirst(entry);

    public override void Hit(CacheEntry<TKey, TValue> entry)
    {
        entry.List!.Remove(entry);
        _protected.AddFirst(entry);
        if (_protected.Count > _protectedCapacity)
        {
            var demoted = _protected.Last!;
            _protected.Remove(demoted);
            _probation.AddFirst(demoted);
        }
    }

    public override void Removed(CacheEntry<TKey, TValue> entry) => entry.List!.Remove(entry);

    public override CacheEntry<TKey, TValue>? Victim() => _probation.Last ?? _protected.Last;
}
