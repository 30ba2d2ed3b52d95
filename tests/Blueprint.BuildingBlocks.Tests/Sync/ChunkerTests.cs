using System.IO.Hashing;
using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.BuildingBlocks.Tests.Sync;

/// <summary>FastCDC and fixed-size blocks (seed 003 §15): coverage, sizes, determinism, and what an insertion changes.</summary>
public sealed class ChunkerTests
{
    // Pseudo-random bytes that are the same on every runtime (xorshift64*), so recorded boundaries stay valid.
    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        var state = 0x9E3779B97F4A7C15UL * (ulong)(seed + 1);
        for (var i = 0; i < length; i += 8)
        {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            var word = state * 0x2545F4914F6CDD1DUL;
            for (var b = 0; b < 8 && i + b < length; b++)
            {
                bytes[i + b] = (byte)(word >> (8 * b));
            }
        }

        return bytes;
    }

    private static HashSet<ulong> BlockHashes(IChunker chunker, byte[] data) =>
        [.. chunker.Split(data).Select(c => XxHash64.HashToUInt64(data.AsSpan((int)c.Offset, c.Length)))];

    [Fact]
    public void Blocks_CoverTheInputExactly_WithinTheirBounds()
    {
        var chunker = new FastCdcChunker(average: 8192);
        var data = RandomBytes(4 * 1024 * 1024, 1);

        var chunks = chunker.Split(data);

        Assert.Equal(0, chunks[0].Offset);
        for (var i = 1; i < chunks.Count; i++)
        {
            Assert.Equal(chunks[i - 1].Offset + chunks[i - 1].Length, chunks[i].Offset);
        }

        Assert.Equal(data.Length, chunks[^1].Offset + chunks[^1].Length);
        Assert.All(chunks.SkipLast(1), c => Assert.InRange(c.Length, 2048 + 1, 32768));
    }

    [Fact]
    public void BlockLengths_ClusterAroundTheAverage()
    {
        var chunks = new FastCdcChunker(average: 8192).Split(RandomBytes(16 * 1024 * 1024, 2));

        var mean = chunks.Average(c => c.Length);

        Assert.InRange(mean, 8192 * 0.75, 8192 * 1.25);
        // Normalized chunking: few blocks end at the maximum for want of a boundary.
        Assert.True(chunks.Count(c => c.Length == 32768) < chunks.Count / 100, $"{chunks.Count(c => c.Length == 32768)} of {chunks.Count} hit the maximum");
    }

    [Fact]
    public void TheSameBytes_GiveTheSameBoundaries_WhateverPrecedesThemAfterABoundary()
    {
        var chunker = new FastCdcChunker(average: 4096);
        var data = RandomBytes(1024 * 1024, 3);

        Assert.Equal(chunker.Split(data), chunker.Split(data.ToArray()));
        Assert.Equal(chunker.Split(data), new FastCdcChunker(average: 4096).Split(data));
    }

    [Fact]
    public void ABoundaryFixedForGood_TheGearTableDoesNotChange()
    {
        // Two clients, or two versions, must cut the same blocks: a changed table would re-send every file.
        var chunks = new FastCdcChunker(average: 1024).Split(RandomBytes(64 * 1024, 4));

        Assert.Equal(ExpectedFirstLengths, chunks.Take(4).Select(c => c.Length));
    }

    // Recorded from this implementation; if it fails, the chunker's boundaries have moved.
    private static readonly int[] ExpectedFirstLengths = [1197, 370, 1009, 1473];

    [Fact]
    public void AnInsertionInTheMiddle_ChangesOnlyTheBlocksAroundIt_WhereFixedBlocksAllShift()
    {
        var original = RandomBytes(8 * 1024 * 1024, 5);
        var edited = original[..(original.Length / 2)].Concat(RandomBytes(100, 6)).Concat(original[(original.Length / 2)..]).ToArray();
        var cdc = new FastCdcChunker(average: 16384);
        var fixedSize = new FixedSizeChunker(16384);

        var cdcBefore = BlockHashes(cdc, original);
        var cdcNew = BlockHashes(cdc, edited).Except(cdcBefore).Count();
        var fixedBefore = BlockHashes(fixedSize, original);
        var fixedNew = BlockHashes(fixedSize, edited).Except(fixedBefore).Count();

        Assert.InRange(cdcNew, 1, 3);
        Assert.True(fixedNew >= fixedBefore.Count / 2 - 1, $"fixed blocks: {fixedNew} new of {fixedBefore.Count}");
    }

    [Theory]
    [InlineData(1000, null, null, "average")]
    [InlineData(128, null, null, "average")]
    [InlineData(4096, 32, null, "minimum")]
    [InlineData(4096, 4096, null, "minimum")]
    [InlineData(4096, null, 4096, "maximum")]
    public void BadSizes_AreRefusedNamingTheSetting(int average, int? minimum, int? maximum, string setting)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new FastCdcChunker(average, minimum, maximum));

        Assert.Equal(setting, error.ParamName);
    }

    [Fact]
    public void ShortAndEmptyInputs_AreOneBlockOrNone()
    {
        var chunker = new FastCdcChunker(average: 4096);

        Assert.Empty(chunker.Split([]));
        Assert.Equal([new ChunkRange(0, 10)], chunker.Split(new byte[10]));
        Assert.Equal([new ChunkRange(0, 7), new ChunkRange(7, 3)], new FixedSizeChunker(7).Split(new byte[10]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedSizeChunker(0));
    }
}
