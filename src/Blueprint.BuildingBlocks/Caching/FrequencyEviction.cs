namespace Blueprint.BuildingBlocks.Caching;

/// <summary>
/// O(1) LFU: one recency list per use count; the victim is the least recent entry of the lowest count.
/// Exact LFU never forgets, so a once-hot set crowds out the new one; every 10 × capacity accesses (hits and inserts) all
/// counts are halved (O(n), amortised O(0.1) per hit), as TinyLFU's reset does.
/// </summary>
internal sealed class FrequencyEviction<TKey, TValue>(int capacity) : Eviction<TKey, TValue>
{
    private readonly Dictionary<long, EntryList<TKey, TValue>> _byFrequency = [];
    private readonly long _agingPeriod = Math.Max(16L, capacity * 10L);
    private long _lowest = 1;
    private long _accessesSinceAging;

    public override void Inserted(CacheEntry<TKey, TValue> entry)
    {
        entry.Frequency = 1;
        ListFor(1).AddFirst(entry);
        _lowest = 1;
        // Inserts count towards aging too: when the popular set shifts, almost every access is a miss.
        CountAccess();
    }

    public override void Hit(CacheEntry<TKey, TValue> entry)
    {
        Detach(entry);
        entry.Frequency++;
        ListFor(entry.Frequency).AddFirst(entry);
        CountAccess();
    }

    private void CountAccess()
    {
        if (++_accessesSinceAging >= _agingPeriod)
        {
            Age();
        }
    }

    public override void Removed(CacheEntry<TKey, TValue> entry) => Detach(entry);

    public override CacheEntry<TKey, TValue>? Victim()
    {
        if (_byFrequency.Count == 0)
        {
            return null;
        }

        if (!_byFrequency.ContainsKey(_lowest))
        {
            _lowest = _byFrequency.Keys.Min();
        }

        return _byFrequency[_lowest].Last;
    }

    private void Detach(CacheEntry<TKey, TValue> entry)
    {
        var list = entry.List!;
        list.Remove(entry);
        if (list.Count == 0)
        {
            _byFrequency.Remove(entry.Frequency);
            if (_lowest == entry.Frequency)
            {
                _lowest = _byFrequency.Count == 0 ? 1 : _lowest + 1;
            }
        }
    }

    private EntryList<TKey, TValue> ListFor(long frequency)
    {
        if (!_byFrequency.TryGetValue(frequency, out var list))
        {
            list = new EntryList<TKey, TValue>();
            _byFrequency[frequency] = list;
        }

        return list;
    }

    /// <summary>Halves every count, keeping each list's recency order (halving never reorders counts).</summary>
    private void Age()
    {
        _accessesSinceAging = 0;
        var lists = _byFrequency.OrderBy(p => p.Key).ToList();
        _byFrequency.Clear();
        foreach (var (frequency, list) in lists)
        {
            var aged = Math.Max(1, frequency / 2);
            var target = ListFor(aged);
            // Walk oldest to newest, adding at the front, so the newest stays at the front.
            for (var entry = list.Last; entry is not null;)
            {
                var previous = entry.Previous;
                list.Remove(entry);
                entry.Frequency = aged;
                target.AddFirst(entry);
                entry = previous;
            }
        }

        _lowest = _byFrequency.Count == 0 ? 1 : _byFrequency.Keys.Min();
    }
}
