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
