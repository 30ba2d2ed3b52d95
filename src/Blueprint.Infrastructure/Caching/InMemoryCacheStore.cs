using System.Collections.Concurrent;

namespace Blueprint.Infrastructure.Caching;

/// <summary>
/// The embedded shared-state engine: one process's memory. Every operation is atomic within the
/// process, as Redis's are across processes; expired entries vanish lazily on access and in
/// periodic sweeps. State is lost on restart and is not shared between hosts.
/// </summary>
internal sealed partial class InMemoryCacheStore(TimeProvider time) : ICacheStore, ISortedSetStore, ICacheChannels
{
    private const int SweepEveryWrites = 4096;

    // Entries are immutable; replacing one is a reference compare-and-swap on the dictionary slot.
    private sealed record Entry(byte[] Value, DateTimeOffset? ExpiresAt);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _writesSinceSweep;

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(TryGetLive(key, out var entry) ? entry.Value.ToArray() : null);

    public Task SetAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        _entries[key] = NewEntry(value, timeToLive);
        AfterWrite();
        return Task.CompletedTask;
    }

    public Task<bool> SetIfAbsentAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
        CompareAndSetAsync(key, null, value, timeToLive, cancellationToken);

    public Task<bool> CompareAndSetAsync(string key, ReadOnlyMemory<byte>? expected, ReadOnlyMemory<byte> value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        var replacement = NewEntry(value, timeToLive);
        bool swapped;
        if (_entries.TryGetValue(key, out var current) && !IsExpired(current))
        {
            swapped = expected is { } bytes && bytes.Span.SequenceEqual(current.Value) && _entries.TryUpdate(key, replacement, current);
        }
        else if (expected is not null)
        {
            swapped = false;
        }
        else
        {
            // Absent, or present but expired (which counts as absent): claim the slot atomically.
            swapped = current is null ? _entries.TryAdd(key, replacement) : _entries.TryUpdate(key, replacement, current);
        }

        AfterWrite();
        return Task.FromResult(swapped);
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_entries.TryRemove(key, out var removed) && !IsExpired(removed));

    public Task<long> IncrementAsync(string key, long by = 1, TimeSpan? expireAfterCreate = null, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            // An expired entry still occupies the slot: replace it by compare-and-swap, as a fresh counter.
            _entries.TryGetValue(key, out var current);
            var live = current is not null && !IsExpired(current);
            var value = checked((live ? CounterValue(key, current!) : 0) + by);
            var replacement = new Entry(CounterBytes(value), live ? current!.ExpiresAt : ExpiryFor(expireAfterCreate));
            var stored = current is null ? _entries.TryAdd(key, replacement) : _entries.TryUpdate(key, replacement, current);
            if (stored)
            {
                AfterWrite();
                return Task.FromResult(value);
            }
        }
    }

    public Task<TimeSpan?> GetTimeToLiveAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(TryGetLive(key, out var entry) && entry.ExpiresAt is { } at ? at - time.GetUtcNow() : (TimeSpan?)null);

    private bool TryGetLive(string key, out Entry entry)
    {
        if (_entries.TryGetValue(key, out var found) && !IsExpired(found))
        {
            entry = found;
            return true;
        }

        entry = null!;
        return false;
    }

    private Entry NewEntry(ReadOnlyMemory<byte> value, TimeSpan? timeToLive) => new(value.ToArray(), ExpiryFor(timeToLive));

    private DateTimeOffset? ExpiryFor(TimeSpan? timeToLive)
    {
        if (timeToLive is { } ttl && ttl <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeToLive), ttl, "A time to live must be positive.");
        }

        return timeToLive is { } positive ? time.GetUtcNow() + positive : null;
    }

    private bool IsExpired(Entry entry) => entry.ExpiresAt is { } at && at <= time.GetUtcNow();

    private static long CounterValue(string key, Entry entry) =>
        long.TryParse(entry.Value, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"The value under '{key}' is not an integer counter.");

    private static byte[] CounterBytes(long value) => System.Text.Encoding.ASCII.GetBytes(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private void AfterWrite()
    {
        if (Interlocked.Increment(ref _writesSinceSweep) % SweepEveryWrites == 0)
        {
            SweepExpired();
        }
    }

    private void SweepExpired()
    {
        foreach (var (key, entry) in _entries)
        {
            if (IsExpired(entry))
            {
                // Removes only this exact entry, never a fresh value written meanwhile.
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            }
        }

        SweepExpiredSortedSets();
    }
}
