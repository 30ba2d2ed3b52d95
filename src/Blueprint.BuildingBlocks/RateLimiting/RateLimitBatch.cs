namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>
/// A decision over several limits at once (per user, per tenant, global), all or nothing: a request
/// is admitted only if every limit admits it, and a refusal by one spends nothing from the others.
/// The keys' locks are taken in one global order, so batches never deadlock each other.
/// </summary>
public static class RateLimitBatch
{
    /// <summary>Decides the charges together; the decisions come back in the charges' order.</summary>
    /// <param name="charges">Each limit's algorithm, the key whose budget pays, and the cost.</param>
    /// <param name="canWait">True when the caller can wait its turn in a leaking bucket's queue.</param>
    /// <returns>Per charge, what it decided; when any refused, nothing was spent and the others show whether they alone would have admitted.</returns>
    public static RateLimitDecision[] Acquire(IReadOnlyList<(IBatchableAlgorithm Algorithm, string Key, long Cost)> charges, bool canWait = false)
    {
        ArgumentNullException.ThrowIfNull(charges);
        var decisions = new RateLimitDecision[charges.Count];
        if (charges.Count == 1)
        {
            var (algorithm, key, cost) = charges[0];
            decisions[0] = algorithm.Acquire(key, cost, canWait);
            return decisions;
        }

        var entries = Merge(charges);
        var entered = 0;
        try
        {
            foreach (var entry in entries)
            {
                entry.State.Gate.Enter();
                entered++;
            }

            var admitted = true;
            foreach (var entry in entries)
            {
                entry.Decision = entry.Algorithm.DecideLocked(entry.State, entry.Cost, canWait, commit: false);
                admitted &= entry.Decision.Allowed;
            }

            if (admitted)
            {
                foreach (var entry in entries)
                {
                    entry.Decision = entry.Algorithm.DecideLocked(entry.State, entry.Cost, canWait, commit: true);
                }
            }
        }
        finally
        {
            for (var i = entered - 1; i >= 0; i--)
            {
                entries[i].State.Gate.Exit();
            }
        }

        for (var i = 0; i < charges.Count; i++)
        {
            decisions[i] = entries.First(e => e.Covers(charges[i].Algorithm, charges[i].Key)).Decision;
        }

        return decisions;
    }

    // Two charges on one key of one algorithm are one charge of their summed cost; the rest are
    // sorted by algorithm and key, the order every batch locks in.
    private static List<Entry> Merge(IReadOnlyList<(IBatchableAlgorithm Algorithm, string Key, long Cost)> charges)
    {
        var entries = new List<Entry>(charges.Count);
        foreach (var (algorithm, key, cost) in charges)
        {
            ArgumentNullException.ThrowIfNull(algorithm);
            ArgumentNullException.ThrowIfNull(key);
            ArgumentOutOfRangeException.ThrowIfLessThan(cost, 1);
            var existing = entries.Find(e => e.Covers(algorithm, key));
            if (existing is null)
            {
                entries.Add(new Entry(algorithm, key, algorithm.StateOf(key)) { Cost = cost });
            }
            else
            {
                existing.Cost += cost;
            }
        }

        entries.Sort(static (a, b) => a.Algorithm.Order != b.Algorithm.Order ? a.Algorithm.Order.CompareTo(b.Algorithm.Order) : string.CompareOrdinal(a.Key, b.Key));
        return entries;
    }

    private sealed class Entry(IBatchableAlgorithm algorithm, string key, KeyState state)
    {
        public IBatchableAlgorithm Algorithm { get; } = algorithm;

        public string Key { get; } = key;

        public KeyState State { get; } = state;

        public long Cost { get; set; }

        public RateLimitDecision Decision { get; set; }

        public bool Covers(IBatchableAlgorithm algorithm, string key) => ReferenceEquals(Algorithm, algorithm) && Key == key;
    }
}
