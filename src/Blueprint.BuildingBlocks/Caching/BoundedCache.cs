namespace Blueprint.BuildingBlocks.Caching;

/// <summary>
/// An in-process cache bounded by entries (and optionally bytes) with LRU, LFU or FIFO eviction and an
/// optional, jittered time to live (seed 000 §7.9, 003 §1). Thread-safe: one lock around O(1) work,
/// because every read of an LRU or LFU is also a write to its order.
/// </summary>
public sealed class BoundedCache<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<TKey, CacheEntry<TKey, TValue>> _entries;
    private readonly Eviction<TKey, TValue> _eviction;
    private readonly TimeProvider _time;
    private readonly Func<TKey, TValue, long>? _sizeOf;
    private readonly long _maxBytes;
    private readonly TimeSpan? _timeToLive;
    private readonly double _jitter;
    private readonly Lock _gate = new();
    private long _bytes;
    private long _hits;
    private long _misses;
    private long _evictions;
    private long _expirations;
    private long _rejected;

    /// <summary>Creates a cache.</summary>
    /// <exception cref="ArgumentException">Capacity or MaxBytes not positive, MaxBytes without SizeOf, a time to live not positive, or jitter outside [0, 1].</exception>
    public BoundedCache(CacheOptions<TKey, TValue> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Capacity < 1)
        {
            throw InvalidOption.For(nameof(options.Capacity), $"Capacity is {options.Capacity}; a cache holds at least 1 entry.");
        }

        if (options.MaxBytes is { } maxBytes && (maxBytes < 1 || options.SizeOf is null))
        {
            throw InvalidOption.For(nameof(options.MaxBytes), "MaxBytes must be positive and needs SizeOf to measure entries.");
        }

        if (options.TimeToLive is { } ttl && ttl <= TimeSpan.Zero)
        {
            throw InvalidOption.For(nameof(options.TimeToLive), $"TimeToLive is {ttl}; it must be positive (or null for no expiry).");
        }

        if (!(options.TimeToLiveJitter is >= 0 and <= 1))
        {
            throw InvalidOption.For(nameof(options.TimeToLiveJitter), $"TimeToLiveJitter is {options.TimeToLiveJitter}; it is a fraction from 0 to 1.");
        }

        Policy = options.Policy;
        Capacity = options.Capacity;
        _eviction = Eviction<TKey, TValue>.For(options.Policy, options.Capacity);
        _entries = new Dictionary<TKey, CacheEntry<TKey, TValue>>(Math.Min(options.Capacity, 1 << 16), options.Comparer);
        _time = options.TimeProvider ?? TimeProvider.System;
        _sizeOf = options.SizeOf;
        _maxBytes = options.MaxBytes ?? long.MaxValue;
        _timeToLive = options.TimeToLive;
        _jitter = options.TimeToLiveJitter;
    }

    /// <summary>Creates an LRU, LFU or FIFO cache of <paramref name="capacity"/> entries with no expiry.</summary>
    public BoundedCache(EvictionPolicy policy, int capacity)
        : this(new CacheOptions<TKey, TValue> { Policy = policy, Capacity = capacity })
    {
    }

    /// <summary>The eviction policy.</summary>
    public EvictionPolicy Policy { get; }

    /// <summary>The most entries it holds.</summary>
    public int Capacity { get; }

    /// <summary>Entries held now, including expired ones not yet noticed.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Bytes held now, as SizeOf counts them (0 without SizeOf).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Hits, misses, evictions and expirations so far.</summary>
    public CacheStatistics Statistics => new(
        Interlocked.Read(ref _hits),
        Interlocked.Read(ref _misses),
        Interlocked.Read(ref _evictions),
        Interlocked.Read(ref _expirations),
        Interlocked.Read(ref _rejected));

    /// <summary>Looks a key up; a hit counts as a use for LRU and LFU.</summary>
    public bool TryGet(TKey key, out TValue value)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                if (entry.ExpiresAt > _time.GetTimestamp())
                {
                    _eviction.Hit(entry);
                    _hits++;
                    value = entry.Value;
                    return true;
                }

                RemoveEntry(entry);
                _expirations++;
            }

            _misses++;
            value = default!;
            return false;
        }
    }

    /// <summary>
    /// Stores a value, replacing any old one, evicting as needed. <paramref name="timeToLive"/> overrides
    /// the cache's own for this entry; jitter applies to either.
    /// </summary>
    /// <returns>False only when the value alone is larger than MaxBytes and so is not stored.</returns>
    public bool Set(TKey key, TValue value, TimeSpan? timeToLive = null)
    {
        if (timeToLive is { } given && given <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeToLive), given, "A time to live must be positive.");
        }

        var size = _sizeOf?.Invoke(key, value) ?? 0;
        lock (_gate)
        {
            if (size > _maxBytes)
            {
                if (_entries.TryGetValue(key, out var stale))
                {
                    RemoveEntry(stale);
                }

                _rejected++;
                return false;
            }

            var expiresAt = ExpiryFor(timeToLive ?? _timeToLive);
            if (_entries.TryGetValue(key, out var entry))
            {
                _bytes += size - entry.Size;
                entry.Value = value;
                entry.Size = size;
                entry.ExpiresAt = expiresAt;
                _eviction.Hit(entry);
            }
            else
            {
                entry = new CacheEntry<TKey, TValue>(key, value, size, expiresAt);
                _entries.Add(key, entry);
                _bytes += size;
                _eviction.Inserted(entry);
            }

            while (_entries.Count > Capacity || _bytes > _maxBytes)
            {
                var victim = _eviction.Victim();
                if (victim is null || victim == entry && _entries.Count == 1)
                {
                    break;
                }

                // Never evict the entry just written to make room for itself; take the next victim.
                if (victim == entry)
                {
                    _eviction.Removed(entry);
                    var other = _eviction.Victim();
                    _eviction.Inserted(entry);
                    victim = other!;
                }

                RemoveEntry(victim);
                _evictions++;
            }

            return true;
        }
    }

    /// <summary>Removes a key (an invalidation); true when it was there.</summary>
    public bool Remove(TKey key)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                RemoveEntry(entry);
                return true;
            }

            return false;
        }
    }

    /// <summary>Removes every expired entry now rather than when next looked up; returns how many.</summary>
    public int RemoveExpired()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var expired = _entries.Values.Where(e => e.ExpiresAt <= now).ToList();
            foreach (var entry in expired)
            {
                RemoveEntry(entry);
            }

            _expirations += expired.Count;
            return expired.Count;
        }
    }

    /// <summary>Empties the cache; statistics are kept.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (var entry in _entries.Values.ToList())
            {
                RemoveEntry(entry);
            }
        }
    }

    private long ExpiryFor(TimeSpan? timeToLive)
    {
        if (timeToLive is not { } ttl)
        {
            return long.MaxValue;
        }

        if (_jitter > 0)
        {
            ttl *= 1 - (_jitter * Random.Shared.NextDouble());
        }

        var ticks = (long)(ttl.TotalSeconds * _time.TimestampFrequency);
        return _time.GetTimestamp() + Math.Max(1, ticks);
    }

    private void RemoveEntry(CacheEntry<TKey, TValue> entry)
    {
        _entries.Remove(entry.Key);
        _eviction.Removed(entry);
        _bytes -= entry.Size;
    }
}
