using System.Globalization;
using BitFaster.Caching;
using BitFaster.Caching.Lfu;
using BitFaster.Caching.Lru;
using Blueprint.BuildingBlocks.Caching;

namespace Blueprint.Benchmarks.BuildingBlocks;

/// <summary>
/// Hit ratios of our caches and BitFaster's on the same traces, as a Markdown table:
/// <c>dotnet run -c Release --project bench/Blueprint.Benchmarks -- hit-ratios</c>.
/// </summary>
public static class HitRatioReport
{
    public const int TraceLength = 1_000_000;
    private const int DistinctKeys = 100_000;

    public static int[] TraceFor(string trace) => trace switch
    {
        "zipf" => KeyTraces.Zipf(TraceLength, DistinctKeys),
        "shifting" => KeyTraces.Shifting(TraceLength, DistinctKeys, phases: 4),
        _ => throw new ArgumentOutOfRangeException(nameof(trace), trace, "zipf or shifting"),
    };

    public static void Write(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int[] sizes = [100, 1_000, 10_000];
        output.WriteLine("| trace | size | Blueprint LRU | BitFaster ConcurrentLru | Blueprint LFU | BitFaster ConcurrentLfu | Blueprint FIFO | Blueprint SLRU |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var trace in new[] { "zipf", "shifting" })
        {
            var requests = TraceFor(trace);
            foreach (var size in sizes)
            {
                var ours = TraceSimulation.Run(requests, [size]).ToDictionary(r => r.Policy, r => r.HitRatio);
                var lru = Replay(new ConcurrentLru<int, int>(size), requests);
                var lfu = Replay(new ConcurrentLfu<int, int>(size), requests);
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {trace} | {size:N0} | {ours[EvictionPolicy.Lru]:P2} | {lru:P2} | {ours[EvictionPolicy.Lfu]:P2} | {lfu:P2} | {ours[EvictionPolicy.Fifo]:P2} | {ours[EvictionPolicy.SegmentedLru]:P2} |"));
            }
        }
    }

    private static double Replay(ICache<int, int> cache, int[] requests)
    {
        var hits = 0;
        foreach (var key in requests)
        {
            if (cache.TryGet(key, out _))
            {
                hits++;
            }
            else
            {
                cache.AddOrUpdate(key, key);
            }
        }

        return hits / (double)requests.Length;
    }
}
