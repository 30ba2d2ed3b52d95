using System.Globalization;

namespace Blueprint.BuildingBlocks.Caching;

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
