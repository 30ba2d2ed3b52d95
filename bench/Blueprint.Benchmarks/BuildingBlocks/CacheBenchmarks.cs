using BenchmarkDotNet.Attributes;
using BitFaster.Caching.Lfu;
using BitFaster.Caching.Lru;
using Blueprint.BuildingBlocks.Caching;

namespace Blueprint.Benchmarks.BuildingBlocks;

/// <summary>
/// Requests per second replaying the same trace cache-aside (hit: read; miss: store) through our
/// caches and BitFaster.Caching's, one thread, 1,000 entries. Hit ratios: <see cref="HitRatioReport"/>.
/// </summary>
public class CacheBenchmarks
{
    private const int Capacity = 1000;
    private int[] _trace = null!;
    private ConcurrentLru<int, int> _bitFasterLru = null!;
    private ConcurrentLfu<int, int> _bitFasterLfu = null!;
    private BoundedCache<int, int> _lru = null!;
    private BoundedCache<int, int> _lfu = null!;
    private BoundedCache<int, int> _fifo = null!;
    private BoundedCache<int, int> _segmented = null!;

    [Params("zipf", "shifting")]
    public string Trace { get; set; } = "zipf";

    [GlobalSetup]
    public void Setup()
    {
        _trace = HitRatioReport.TraceFor(Trace);
        _bitFasterLru = new ConcurrentLru<int, int>(Capacity);
        _bitFasterLfu = new ConcurrentLfu<int, int>(Capacity);
        _lru = new BoundedCache<int, int>(EvictionPolicy.Lru, Capacity);
        _lfu = new BoundedCache<int, int>(EvictionPolicy.Lfu, Capacity);
        _fifo = new BoundedCache<int, int>(EvictionPolicy.Fifo, Capacity);
        _segmented = new BoundedCache<int, int>(EvictionPolicy.SegmentedLru, Capacity);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = HitRatioReport.TraceLength, Description = "BitFaster ConcurrentLru")]
    public int BitFasterLru()
    {
        var hits = 0;
        foreach (var key in _trace)
        {
            if (_bitFasterLru.TryGet(key, out _))
            {
                hits++;
            }
            else
            {
                _bitFasterLru.AddOrUpdate(key, key);
            }
        }

        return hits;
    }

    [Benchmark(OperationsPerInvoke = HitRatioReport.TraceLength, Description = "BitFaster ConcurrentLfu")]
    public int BitFasterLfu()
    {
        var hits = 0;
        foreach (var key in _trace)
        {
            if (_bitFasterLfu.TryGet(key, out _))
            {
                hits++;
            }
            else
            {
                _bitFasterLfu.AddOrUpdate(key, key);
            }
        }

        return hits;
    }

    [Benchmark(OperationsPerInvoke = HitRatioReport.TraceLength, Description = "Blueprint LRU")]
    public int Lru() => Replay(_lru);

    [Benchmark(OperationsPerInvoke = HitRatioReport.TraceLength, Description = "Blueprint LFU (aged)")]
    public int Lfu() => Replay(_lfu);

    [Benchmark(OperationsPerInvoke = HitRatioReport.TraceLength, Description = "Blueprint FIFO")]
    public int Fifo() => Replay(_fifo);

    [Benchmark(OperationsPerInvoke = HitRatioReport.TraceLength, Description = "Blueprint SLRU")]
    public int SegmentedLru() => Replay(_segmented);

    private int Replay(BoundedCache<int, int> cache)
    {
        var hits = 0;
        foreach (var key in _trace)
        {
            if (cache.TryGet(key, out _))
            {
                hits++;
            }
            else
            {
                cache.Set(key, key);
            }
        }

        return hits;
    }
}
