using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.BuildingBlocks.Tests.Sync;

/// <summary>How every client cuts a file: the average block by size class, half rsync's square-root rule, in powers of four.</summary>
public sealed class SyncChunkingTests
{
    [Theory]
    [InlineData(0L, 4 * 1024)]
    [InlineData(100L * 1024 * 1024, 4 * 1024)]
    [InlineData(256L * 1024 * 1024 - 1, 4 * 1024)]
    [InlineData(256L * 1024 * 1024, 8 * 1024)]
    [InlineData(1024L * 1024 * 1024, 16 * 1024)]
    [InlineData(1L << 40, 512 * 1024)]
    [InlineData(1L << 42, 1024 * 1024)]
    [InlineData(long.MaxValue, 1024 * 1024)]
    public void TheAverageBlock_GrowsWithTheSquareRootOfTheSize(long length, int average)
    {
        Assert.Equal(average, SyncChunking.AverageFor(length));
        Assert.Equal(average * 4, SyncChunking.For(length).MaxChunkLength);
    }

    [Fact]
    public void TheSameBytes_AreCutTheSameWay_ByEveryClient()
    {
        var data = new byte[300_000];
        new Random(9).NextBytes(data);

        var first = SyncChunking.For(data.Length).Split(data);
        var second = SyncChunking.For(data.Length).Split(data);

        Assert.Equal(first, second);
        Assert.InRange(first.Count, 30, 150);
    }

    [Fact]
    public void ANegativeLength_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SyncChunking.AverageFor(-1));
}
