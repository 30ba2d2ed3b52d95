using Blueprint.CloudStorage.Blocks;

namespace Blueprint.CloudStorage.Tests;

/// <summary>A pack's sealed blocks read as one stream: in pieces of any size, and from wherever it is sought to.</summary>
public sealed class PackStreamTests
{
    private static readonly byte[][] Parts = [TestBytes.Random(1000, 1), [], TestBytes.Random(1, 2), TestBytes.Random(4096, 3)];
    private static readonly byte[] Whole = [.. Parts.SelectMany(p => p)];

    private static PackStream Pack() => new([.. Parts.Select(p => new ReadOnlyMemory<byte>(p))]);

    [Theory]
    [InlineData(1)]
    [InlineData(999)]
    [InlineData(100_000)]
    public void ReadInPiecesOfAnySize_GivesTheBlocksEndToEnd(int piece)
    {
        using var pack = Pack();
        using var read = new MemoryStream();
        var buffer = new byte[piece];
        int n;
        while ((n = pack.Read(buffer)) > 0)
        {
            read.Write(buffer, 0, n);
        }

        Assert.Equal(Whole, read.ToArray());
        Assert.Equal(Whole.Length, pack.Length);
        Assert.Equal([0L, 1000, 1000, 1001], pack.Offsets());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(999)]
    [InlineData(1000)]
    [InlineData(1001)]
    [InlineData(5096)]
    [InlineData(6000)]
    public void ReadAfterASeek_GivesWhatFollowsThatPosition(long position)
    {
        using var pack = Pack();
        pack.ReadExactly(new byte[3000]); // somewhere else first

        Assert.Equal(position, pack.Seek(position, SeekOrigin.Begin));
        using var rest = new MemoryStream();
        pack.CopyTo(rest);

        Assert.Equal(Whole.AsSpan((int)Math.Min(position, Whole.Length)).ToArray(), rest.ToArray());
        Assert.Equal(Math.Max(position, Whole.Length), pack.Position);
    }

    [Fact]
    public void SeekingFromTheEndOrTheCurrentPosition_AndNotBeforeTheStart()
    {
        using var pack = Pack();

        Assert.Equal(Whole.Length - 10, pack.Seek(-10, SeekOrigin.End));
        Assert.Equal(Whole.Length - 4, pack.Seek(6, SeekOrigin.Current));
        Assert.Equal(Whole[^4], (byte)pack.ReadByte());
        Assert.Throws<ArgumentOutOfRangeException>(() => pack.Seek(-1, SeekOrigin.Begin));
    }
}
