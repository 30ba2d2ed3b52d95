namespace Blueprint.Infrastructure.Caching;

/// <summary>One in-process sorted set: a score per member plus the members ordered by (score, member). Not thread-safe; callers lock it.</summary>
internal sealed class SortedSetValue
{
    private static readonly Comparer<(double Score, string Member)> Order = Comparer<(double Score, string Member)>.Create(
        (a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : string.CompareOrdinal(a.Member, b.Member));

    private readonly Dictionary<string, double> _scores = new(StringComparer.Ordinal);
    private readonly SortedSet<(double Score, string Member)> _ordered = new(Order);

    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Set once the set has been dropped from the store; a writer holding it must start over.</summary>
    public bool Removed { get; set; }

    public int Count => _scores.Count;

    public bool Add(string member, double score)
    {
        var existed = _scores.TryGetValue(member, out var old);
        if (existed)
        {
            _ordered.Remove((old, member));
        }

        _scores[member] = score;
        _ordered.Add((score, member));
        return !existed;
    }

    public bool Remove(string member)
    {
        if (!_scores.Remove(member, out var score))
        {
            return false;
        }

        _ordered.Remove((score, member));
        return true;
    }

    public double? Score(string member) => _scores.TryGetValue(member, out var score) ? score : null;

    public IReadOnlyList<SortedSetEntry> RangeByScore(double min, double max, int take) =>
        min > max
            ? []
            : _ordered.GetViewBetween((min, ""), (max, "\uffff\uffff"))
                .Where(e => e.Score >= min && e.Score <= max)
                .Take(take)
                .Select(e => new SortedSetEntry(e.Member, e.Score))
                .ToList();

    public IReadOnlyList<SortedSetEntry> RangeByRank(long start, long stop, bool descending)
    {
        // Negative ranks count from the end, as in Redis's ZRANGE.
        var count = _ordered.Count;
        var from = Math.Max(0, start < 0 ? count + start : start);
        var to = Math.Min(count - 1, stop < 0 ? count + stop : stop);
        if (from > to)
        {
            return [];
        }

        var ordered = descending ? _ordered.Reverse() : _ordered;
        return ordered.Skip((int)from).Take((int)(to - from + 1)).Select(e => new SortedSetEntry(e.Member, e.Score)).ToList();
    }

    public int RemoveRangeByScore(double min, double max)
    {
        var doomed = RangeByScore(min, max, int.MaxValue);
        foreach (var entry in doomed)
        {
            Remove(entry.Member);
        }

        return doomed.Count;
    }
}
