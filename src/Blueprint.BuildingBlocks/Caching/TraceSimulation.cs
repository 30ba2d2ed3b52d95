using System.Globalization;

namespace Blueprint.BuildingBlocks.Caching;

/// <summary>Key traces to replay through caches: recorded, or drawn from the shapes real traffic has.</summary>
public static class KeyTraces
{
    /// <summary>
    /// <paramref name="length"/> draws from <paramref name="keys"/> keys where key i (from 1) is drawn with
    /// probability ∝ 1 / i^<paramref name="exponent"/>: the skew of web caches (exponent near 1).
    /// </summary>
    public static int[] Zipf(int length, int keys, double exponent = 0.99, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(keys, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        var cumulative = new double[keys];
        var sum = 0.0;
        for (var i = 0; i < keys; i++)
        {
            sum += 1 / Math.Pow(i + 1, exponent);
            cumulative[i] = sum;
        }

        var random = new Random(seed);
        var trace = new int[length];
        for (var i = 0; i < length; i++)
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * sum);
            trace[i] = Math.Min(keys - 1, index < 0 ? ~index : index);
        }

        return trace;
    }

    /// <summary>
    /// A Zipf trace whose popular keys change <paramref name="phases"/> times: each phase draws from a
    /// fresh range of key ids. Exact LFU fails this one, because the old favourites keep their counts.
    /// </summary>
    public static int[] Shifting(int length, int keys, int phases = 4, double exponent = 0.99, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(phases, 1);
        var trace = Zipf(length, keys, exponent, seed);
        var phaseLength = (length + phases - 1) / phases;
        for (var i = 0; i < trace.Length; i++)
        {
            trace[i] += (i / phaseLength) * keys;
        }

        return trace;
    }

    /// <summary>Reads a trace file, one key per line (blank lines skipped), mapping each distinct key to an int.</summary>
    public static int[] FromLines(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var trace = new List<int>();
        foreach (var line in lines)
        {
            var key = line.Trim();
            if (key.Length == 0)
            {
                continue;
            }

            if (!ids.TryGetValue(key, out var id))
            {
                id = ids.Count;
                ids[key] = id;
            }

            trace.Add(id);
        }

        return [.. trace];
    }
}

/// <summary>One policy at one size on one trace.</summary>
/// <param name="Policy">The eviction policy.</param>
/// <param name="Size">Cache capacity in entries.</param>
/// <param name="HitRatio">Hits over requests.</param>
/// <param name="Evictions">Entries evicted.</param>
public sealed record TraceResult(EvictionPolicy Policy, int Size, double HitRatio, long Evictions);

/// <summary>
/// Replays a key trace through every policy at every size, cache-aside style (a miss loads and
/// stores the key), so an operator sees what another policy or size would give before changing it.
/// </summary>
public static class TraceSimulation
{
    /// <summary>Replays <paramref name="trace"/>; results ordered by size, then policy.</summary>
    public static IReadOnlyList<TraceResult> Run(IReadOnlyList<int> trace, IEnumerable<int> sizes, IEnumerable<EvictionPolicy>? policies = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(sizes);
        if (trace.Count == 0)
        {
            throw new ArgumentException("The trace is empty.", nameof(trace));
        }

        var results = new List<TraceResult>();
        foreach (var size in sizes)
        {
            if (size < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(sizes), size, "A cache size is at least 1 entry.");
            }

            foreach (var policy in policies ?? Enum.GetValues<EvictionPolicy>())
            {
                var cache = new BoundedCache<int, int>(policy, size);
                foreach (var key in trace)
                {
                    if (!cache.TryGet(key, out _))
                    {
                        cache.Set(key, key);
                    }
                }

                var statistics = cache.Statistics;
                results.Add(new TraceResult(policy, size, statistics.HitRatio, statistics.Evictions));
            }
        }

        return results;
    }

    /// <summary>Parses "1000,10000" or "1k,10k,100k" into sizes.</summary>
    public static IReadOnlyList<int> ParseSizes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part =>
        {
            var multiplier = part[^1] switch { 'k' or 'K' => 1_000, 'm' or 'M' => 1_000_000, _ => 1 };
            var digits = multiplier == 1 ? part : part[..^1];
            return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && (long)n * multiplier <= int.MaxValue
                ? n * multiplier
                : throw new FormatException($"'{part}' is not a cache size: a positive whole number, optionally with k or m.");
        })];
    }
}
