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

    [Theory]
    [InlineData(19, "ends inside a block header")]
    [InlineData(-1, "is announced")]
    [InlineData(1 << 21, "is announced")]
    public async Task AChecksummedHeader_CutShort_OrAnnouncingABadLength_IsInvalid(int lengthOrCut, string reason)
    {
        var header = new byte[BlockFrames.ChecksummedHeaderLength];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(16), lengthOrCut);
        using var body = new MemoryStream(lengthOrCut == 19 ? header[..19] : header);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => BlockFrames.ReadChecksummedHeaderAsync(body, 1 << 20));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
