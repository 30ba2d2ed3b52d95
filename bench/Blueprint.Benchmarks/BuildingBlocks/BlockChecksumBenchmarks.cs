using BenchmarkDotNet.Attributes;
using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.Benchmarks.BuildingBlocks;

/// <summary>
/// What the sync client spends naming the blocks of a new file, on one core: one operation covers
/// 64 MiB of random bytes in 64 KiB blocks (a 1 GiB file's average block), so GB/s = 0.0671 /
/// seconds per operation. The baseline is the SHA-256 each block was hashed with before it was sent;
/// now a new large file's blocks go with their XXH128 checksum (<see cref="BlockFrames.Checksum"/>)
/// and the server, which hashes every block it takes anyway, names them.
/// </summary>
public class BlockChecksumBenchmarks
{
    private const int Length = 64 * 1024 * 1024;
    private const int BlockLength = 64 * 1024;
    private readonly byte[] _data = new byte[Length];

    [GlobalSetup]
    public void Setup() => new Random(42).NextBytes(_data);

    [Benchmark(Baseline = true)]
    public int Sha256OfEachBlock()
    {
        var named = 0;
        for (var offset = 0; offset < Length; offset += BlockLength)
        {
            named += BlockSeal.HashOf(_data.AsSpan(offset, BlockLength)).Length;
        }

        return named;
    }

    [Benchmark]
    public UInt128 Xxh128OfEachBlock()
    {
        UInt128 all = 0;
        for (var offset = 0; offset < Length; offset += BlockLength)
        {
            all ^= BlockFrames.Checksum(_data.AsSpan(offset, BlockLength));
        }

        return all;
    }
}
