using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.BuildingBlocks.Tests.Sync;

/// <summary>How every client cuts a file: the average block by size class (powers of four), half rsync's square-root rule until a file would have over 16,384 blocks.</summary>
public sealed class SyncChunkingTests
{
    [Theory]
    [InlineData(0L, 4 * 1024)]
    [InlineData(100L * 1024 * 1024, 4 * 1024)]
    [InlineData(256L * 1024 * 1024 - 1, 4 * 1024)]
    [InlineData(256L * 1024 * 1024, 16 * 1024)]
    [InlineData(1024L * 1024 * 1024 - 1, 16 * 1024)]
    [InlineData(1024L * 1024 * 1024, 64 * 1024)]
    [InlineData(4L << 30, 256 * 1024)]
    [InlineData(16L << 30, 1024 * 1024)]
    [InlineData(1L << 40, 1024 * 1024)]
    [InlineData(long.MaxValue, 1024 * 1024)]
    public void TheAverageBlock_GrowsWithTheSizeClass(long length, int average)
    {
        Assert.Equal(average, SyncChunking.AverageFor(length));
        Assert.Equal(average * 4, SyncChunking.For(length).MaxChunkLength);
    }

    [Fact]
    public void ALargeFile_HasAtMost65536BlocksOnAverage_UntilTheLargestAverage()
    {
        for (var length = 256L << 20; length <= 16L << 30; length += length / 7)
        {
            var blocks = length / SyncChunking.AverageFor(length);
            Assert.InRange(blocks, 16_384, 65_536);
        }
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
    public async Task AStream_IsCutAsTheWholeBufferIs_InRunsThatCoverItOnce_HoweverItTrickles()
    {
        var data = new byte[9 * 1024 * 1024 + 123]; // more than two fills of the run buffer
        new Random(4).NextBytes(data);
        var expected = SyncChunking.For(data.Length).Split(data).Select(c => (c.Offset, c.Length)).ToList();
        var cut = new List<(long Offset, int Length)>();
        var content = new List<byte>();

        var total = await SyncChunking.ReadBlockRunsAsync(new TricklingStream(data, 70_001), data.Length, (buffer, run, offset) =>
        {
            foreach (var range in run)
            {
                cut.Add((offset + range.Start.Value, range.End.Value - range.Start.Value));
                content.AddRange(buffer.Span[range].ToArray());
            }

            return ValueTask.FromResult(true);
        });

        Assert.Equal(data.Length, total);
        Assert.Equal(expected, cut);
        Assert.True(data.AsSpan().SequenceEqual(content.ToArray()));
    }

    [Fact]
    public async Task Stopping_HandsOverNoMore_AndSaysHowMuchWasHandedOver()
    {
        var data = new byte[10 * 1024 * 1024];
        new Random(5).NextBytes(data);
        var runs = 0;
        long firstRun = 0;

        var total = await SyncChunking.ReadBlockRunsAsync(new MemoryStream(data), data.Length, (_, run, _) =>
        {
            firstRun = runs++ == 0 ? run[^1].End.Value : firstRun;
            return ValueTask.FromResult(runs < 2); // the second run is refused
        });

        Assert.Equal(2, runs);
        Assert.Equal(firstRun, total);
        Assert.InRange(total, 1, data.Length - 1);
    }

    [Fact]
    public async Task ARunsBytes_StayAsTheyWere_UntilTheNextRunsCallReturns()
    {
        var data = new byte[40 * 1024 * 1024];
        new Random(7).NextBytes(data);
        var (previous, previousOffset, runsChecked) = (ReadOnlyMemory<byte>.Empty, -1L, 0);

        await SyncChunking.ReadBlockRunsAsync(new MemoryStream(data), data.Length, async (buffer, run, offset) =>
        {
            // Time for the reader to fill whatever buffer it may meanwhile.
            await Task.Delay(50);
            if (previousOffset >= 0)
            {
                Assert.True(previous.Span.SequenceEqual(data.AsSpan(checked((int)previousOffset), previous.Length)), $"the run at {previousOffset} was overwritten during the next run's call");
                runsChecked++;
            }

            (previous, previousOffset) = (buffer[..run[^1].End.Value], offset);
            return true;
        });

        Assert.True(runsChecked >= 5, $"only {runsChecked} runs were checked");
    }

    [Fact]
    public async Task TheNextFill_IsReadWhileARunIsHandedOver_ButRunsAreHandedOverOneAtATimeInOrder()
    {
        var data = new byte[20 * 1024 * 1024];
        new Random(6).NextBytes(data);
        var stream = new MemoryStream(data);
        var (handing, most, lastOffset) = (0, 0, -1L);
        long readWhileFirstRunHeld = 0;

        await SyncChunking.ReadBlockRunsAsync(stream, data.Length, async (buffer, run, offset) =>
        {
            most = Math.Max(most, Interlocked.Increment(ref handing));
            Assert.True(offset > lastOffset, "runs come in file order");
            lastOffset = offset;
            if (offset == 0)
            {
                // Held until the reader has filled the second buffer (or 10 s have passed).
                for (var waited = 0; waited < 1000 && stream.Position <= buffer.Length; waited++)
                {
                    await Task.Delay(10);
                }

                readWhileFirstRunHeld = stream.Position;
            }

            Interlocked.Decrement(ref handing);
            return true;
        });

        Assert.Equal(1, most);
        Assert.True(readWhileFirstRunHeld > 4 * 1024 * 1024, $"only {readWhileFirstRunHeld} bytes were read while the first run was held");
    }

    [Fact]
    public async Task ARunThatFails_FailsTheReading() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => SyncChunking.ReadBlockRunsAsync(
            new MemoryStream(new byte[9 * 1024 * 1024]), 9 * 1024 * 1024, (_, _, offset) => offset > 0 ? throw new InvalidOperationException("disk full") : ValueTask.FromResult(true)));

    [Fact]
    public void ANegativeLength_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SyncChunking.AverageFor(-1));
}

/// <summary>A stream that hands out at most a few bytes a read, as a slow network does.</summary>
internal sealed class TricklingStream(byte[] data, int most) : MemoryStream(data)
{
    public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, most));

    public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, most)]);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        base.ReadAsync(buffer[..Math.Min(buffer.Length, most)], cancellationToken);
}
