using System.Security.Cryptography;
using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.BuildingBlocks.Tests.Sync;

/// <summary>Blocks framed in one body: under their SHA-256, or unnamed under their checksum.</summary>
public sealed class BlockFramesTests
{
    [Fact]
    public async Task ChecksummedFrames_ReadBackAsWritten_AndEndWithTheBody()
    {
        byte[][] blocks = [RandomNumberGenerator.GetBytes(70_000), [], RandomNumberGenerator.GetBytes(3)];
        using var body = new MemoryStream();
        foreach (var block in blocks)
        {
            await BlockFrames.WriteChecksummedAsync(body, BlockFrames.Checksum(block), block);
        }

        Assert.Equal(blocks.Sum(b => b.Length + BlockFrames.ChecksummedHeaderLength), body.Length);
        body.Position = 0;
        foreach (var block in blocks)
        {
            var (checksum, length) = (await BlockFrames.ReadChecksummedHeaderAsync(body, 1 << 20))!.Value;
            var read = new byte[length];
            await BlockFrames.ReadBlockAsync(body, read);
            Assert.Equal(block, read);
            Assert.Equal(BlockFrames.Checksum(read), checksum);
        }

        Assert.Null(await BlockFrames.ReadChecksummedHeaderAsync(body, 1 << 20));
    }

    [Fact]
    public void TheChecksum_ChangesWithAnyBitOfTheBlock()
    {
        var block = RandomNumberGenerator.GetBytes(64 * 1024);
        var checksum = BlockFrames.Checksum(block);

        block[40_000] ^= 0x10;

        Assert.NotEqual(checksum, BlockFrames.Checksum(block));
    }

    [Fact]
    public async Task AChecksummedHeader_CutShort_IsInvalid()
    {
        using var body = new MemoryStream(new byte[BlockFrames.ChecksummedHeaderLength - 1]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => BlockFrames.ReadChecksummedHeaderAsync(body, 1 << 20));

        Assert.Contains("ends inside a block header", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData((1 << 20) + 1)]
    public async Task AChecksummedHeader_AnnouncingALengthOutOfBounds_IsInvalid(int length)
    {
        var header = new byte[BlockFrames.ChecksummedHeaderLength];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(16), length);
        using var body = new MemoryStream(header);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => BlockFrames.ReadChecksummedHeaderAsync(body, 1 << 20));

        Assert.Contains("is announced", error.Message, StringComparison.Ordinal);
    }
}
