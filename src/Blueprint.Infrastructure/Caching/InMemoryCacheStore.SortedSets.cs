using System.Collections.Concurrent;

namespace Blueprint.Infrastructure.Caching;

internal sealed partial class InMemoryCacheStore
{
    private readonly ConcurrentDictionary<string, SortedSetValue> _sortedSets = new(StringComparer.Ordinal);

    public Task<bool> SortedSetAddAsync(string key, string member, double score, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        while (true)
        {
            var set = LiveSortedSet(key) ?? _sortedSets.GetOrAdd(key, _ => new SortedSetValue());
            lock (set)
            {
                if (set.Removed)
                {
                    continue; // lost a race with a sweep or an expiry: take the fresh set
                }

                var added = set.Add(member, score);
                AfterWrite();
                return Task.FromResult(added);
            }
        }
    }

    public Task<bool> SortedSetRemoveAsync(string key, string member, CancellationToken cancellationToken = default) =>
        Task.FromResult(WithSortedSet(key, set => set.Remove(member), false));

    public Task<double?> SortedSetScoreAsync(string key, string member, CancellationToken cancellationToken = default) =>
        Task.FromResult(WithSortedSet(key, set => set.Score(member), null));

    public Task<long> SortedSetLengthAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(WithSortedSet(key, set => (long)set.Count, 0L));

    public Task<IReadOnlyList<SortedSetEntry>> SortedSetRangeByScoreAsync(string key, double min, double max, int take = int.MaxValue, CancellationToken cancellationToken = default) =>
        Task.FromResult(WithSortedSet(key, set => set.RangeByScore(min, max, take), []));

    public Task<IReadOnlyList<SortedSetEntry>> SortedSetRangeByRankAsync(string key, long start, long stop, bool descending = false, CancellationToken cancellationToken = default) =>
        Task.FromResult(WithSortedSet(key, set => set.RangeByRank(start, stop, descending), []));

    public Task<long> SortedSetRemoveRangeByScoreAsync(string key, double min, double max, CancellationToken cancellationToken = default) =>
        Task.FromResult(WithSortedSet(key, set => (long)set.RemoveRangeByScore(min, max), 0L));

    public Task<bool> ExpireAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        var expiresAt = ExpiryFor(timeToLive);
        if (WithSortedSet(key, set => set.ExpiresAt = expiresAt, null) is not null)
        {
            return Task.FromResult(true);
        }

        while (TryGetLive(key, out var entry))
        {
            if (_entries.TryUpdate(key, entry with { ExpiresAt = expiresAt }, entry))
            {
                return Task.FromResult(true);
            }
        }

        return Task.FromResult(false);
    }

    private SortedSetValue? LiveSortedSet(string key)
    {
        if (!_sortedSets.TryGetValue(key, out var set))
        {
            return null;
        }

        lock (set)
        {
            if (!set.Removed && (set.ExpiresAt is not { } at || at > time.GetUtcNow()))
            {
                return set;
            }
        }

        RemoveSortedSet(key, set);
        return null;
    }

    private T WithSortedSet<T>(string key, Func<SortedSetValue, T> action, T whenAbsent)
    {
        var set = LiveSortedSet(key);
        if (set is null)
        {
            return whenAbsent;
        }

        lock (set)
        {
            if (set.Removed)
            {
                return whenAbsent;
            }

            var result = action(set);
            if (set.Count == 0)
            {
                // Redis deletes an emptied sorted set; so do we.
                RemoveSortedSet(key, set);
            }

            return result;
        }
    }

    private void RemoveSortedSet(string key, SortedSetValue set)
    {
        lock (set)
        {
            set.Removed = true;
        }

        _sortedSets.TryRemove(new KeyValuePair<string, SortedSetValue>(key, set));
    }

    private void SweepExpiredSortedSets()
    {
        foreach (var key in _sortedSets.Keys)
        {
            LiveSortedSet(key);
        }
    }
}
