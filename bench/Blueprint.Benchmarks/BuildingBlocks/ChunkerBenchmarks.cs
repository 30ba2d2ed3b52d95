using System.IO.Hashing;
using BenchmarkDotNet.Attributes;
using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.Benchmarks.BuildingBlocks;

/// <summary>
/// Chunking throughput on one core (seed 003 §15; issue goal ≥ 2 GB/s for FastCDC): one operation
/// splits 64 MiB of random bytes, so GB/s = 0.0671 / seconds per operation. The baseline is XxHash3
/// over the same bytes — about what reading the memory once costs — and fixed 4 MB blocks are the
/// other end: no hashing at all.
/// </summary>
public class ChunkerBenchmarks
{
    private const int Length = 64 * 1024 * 1024;
    private readonly byte[] _data = new byte[Length];
    private readonly FastCdcChunker _cdc64 = new(average: 64 * 1024);
    private readonly FastCdcChunker _cdc8 = new(average: 8 * 1024);
    private readonly FastCdcChunker _cdc4 = new(average: 4 * 1024);
    private readonly FixedSizeChunker _fixed = new(4 * 1024 * 1024);

    [GlobalSetup]
    public void Setup() => new Random(42).NextBytes(_data);

    [Benchmark(Baseline = true)]
    public ulong XxHash3OfTheBytes() => XxHash3.HashToUInt64(_data);

    [Benchmark]
    public int FastCdcAverage64KiB() => Count(_cdc64);

    [Benchmark]
    public int FastCdcAverage8KiB() => Count(_cdc8);

    /// <summary>The sync client's block size for files under 256 MiB (<see cref="SyncChunking"/>).</summary>
    [Benchmark]
    public int FastCdcAverage4KiB() => Count(_cdc4);

    [Benchmark]
    public int Fixed4MiB() => Count(_fixed);

    private int Count(IChunker chunker)
    {
        var blocks = 0;
        var span = _data.AsSpan();
        while (!span.IsEmpty)
        {
            span = span[chunker.NextChunkLength(span)..];
            blocks++;
        }

        return blocks;
    }
}
