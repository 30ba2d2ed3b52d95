using System.Security.Cryptography;
using System.Text;
using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.BuildingBlocks.Tests.Sync;

/// <summary>Blocks at rest (seed 003 §15): compressed when it helps, encrypted per tenant, bound to their hash.</summary>
public sealed class BlockSealTests
{
    private static readonly byte[] TenantKey = RandomNumberGenerator.GetBytes(32);

    private static byte[] Text(int length) => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("the quick brown fox jumps over the lazy dog. ", length / 45 + 1)))[..length];

    [Fact]
    public void ACompressibleBlock_IsStoredSmaller_AndOpensToTheSameBytes()
    {
        var block = Text(64 * 1024);
        var hash = BlockSeal.HashOf(block);

        var sealedBlock = BlockSeal.Seal(block, TenantKey, hash);

        Assert.True(sealedBlock.Length < block.Length / 4, $"{sealedBlock.Length} bytes stored for {block.Length}");
        Assert.Equal(block, BlockSeal.Open(sealedBlock, TenantKey, hash));
    }

    [Fact]
    public void AnIncompressibleBlock_IsStoredAsItIs_PlusTheHeader()
    {
        var block = RandomNumberGenerator.GetBytes(64 * 1024);
        var hash = BlockSeal.HashOf(block);

        var sealedBlock = BlockSeal.Seal(block, TenantKey, hash);

        Assert.Equal(block.Length + BlockSeal.Overhead, sealedBlock.Length);
        Assert.Equal(block, BlockSeal.Open(sealedBlock, TenantKey, hash));
    }

    [Fact]
    public void ManyBlocks_SealedIntoOneBuffer_EachOpen_AndLeaveTheRestOfTheBufferAlone()
    {
        byte[][] blocks = [Text(40_000), RandomNumberGenerator.GetBytes(30_000), Text(100), [7]];
        var buffer = new byte[blocks.Sum(b => BlockSeal.MaxSealedLength(b.Length)) + 1];
        buffer[^1] = 0xAB;
        var (offset, parts) = (0, new List<(int Offset, int Length)>());
        foreach (var block in blocks)
        {
            var length = BlockSeal.SealInto(block, TenantKey, BlockSeal.HashOf(block), buffer.AsSpan(offset, BlockSeal.MaxSealedLength(block.Length)));
            Assert.InRange(length, BlockSeal.Overhead, BlockSeal.MaxSealedLength(block.Length));
            parts.Add((offset, length));
            offset += BlockSeal.MaxSealedLength(block.Length);
        }

        Assert.True(parts[0].Length < 40_000 / 4, "the text block was compressed");
        Assert.Equal(BlockSeal.MaxSealedLength(30_000), parts[1].Length);
        Assert.Equal(0xAB, buffer[^1]);
        for (var i = 0; i < blocks.Length; i++)
        {
            Assert.Equal(blocks[i], BlockSeal.Open(buffer.AsSpan(parts[i].Offset, parts[i].Length), TenantKey, BlockSeal.HashOf(blocks[i])));
        }
    }

    [Fact]
    public void SealingIntoTooSmallABuffer_IsRefused()
    {
        var block = Text(1000);
        Assert.Throws<ArgumentException>(() => BlockSeal.SealInto(block, TenantKey, BlockSeal.HashOf(block), new byte[BlockSeal.MaxSealedLength(1000) - 1]));
    }

    [Fact]
    public void AtRest_TheBlockIsUnreadable_AndTwoSealsOfOneBlockDiffer()
    {
        var block = RandomNumberGenerator.GetBytes(4096);
        var hash = BlockSeal.HashOf(block);

        var first = BlockSeal.Seal(block, TenantKey, hash);
        var second = BlockSeal.Seal(block, TenantKey, hash);

        Assert.Equal(-1, first.AsSpan().IndexOf(block.AsSpan(0, 16)));
        Assert.NotEqual(first, second); // a fresh nonce each time
    }

    [Fact]
    public void AnotherTenantsKey_AChangedByte_OrAnotherBlocksName_AreRefused()
    {
        var block = Text(8192);
        var hash = BlockSeal.HashOf(block);
        var sealedBlock = BlockSeal.Seal(block, TenantKey, hash);
        var tampered = sealedBlock.ToArray();
        tampered[^1] ^= 1;
        var flagFlipped = sealedBlock.ToArray();
        flagFlipped[1] ^= 1;

        Assert.Throws<BlockIntegrityException>(() => BlockSeal.Open(sealedBlock, RandomNumberGenerator.GetBytes(32), hash));
        Assert.Throws<BlockIntegrityException>(() => BlockSeal.Open(tampered, TenantKey, hash));
        Assert.Throws<BlockIntegrityException>(() => BlockSeal.Open(flagFlipped, TenantKey, hash));
        Assert.Throws<BlockIntegrityException>(() => BlockSeal.Open(sealedBlock, TenantKey, BlockSeal.HashOf(Text(100))));
        Assert.Throws<BlockIntegrityException>(() => BlockSeal.Open(sealedBlock.AsSpan(0, 10), TenantKey, hash));
    }

    [Fact]
    public void ABlockSealedUnderTheWrongName_DoesNotOpenAsTheRightOne()
    {
        // A client that uploads content under a hash that is not its own is caught when the block is read.
        var block = Text(1000);
        var wrongName = BlockSeal.HashOf(Text(999));
        var sealedBlock = BlockSeal.Seal(block, TenantKey, wrongName);

        var error = Assert.Throws<BlockIntegrityException>(() => BlockSeal.Open(sealedBlock, TenantKey, wrongName));

        Assert.Contains(BlockSeal.HashOf(block), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadKeysAndEmptyNames_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => BlockSeal.Seal(new byte[10], new byte[16], "abc"));
        Assert.Throws<ArgumentException>(() => BlockSeal.Seal(new byte[10], TenantKey, ""));
        Assert.Empty(BlockSeal.Open(BlockSeal.Seal([], TenantKey, BlockSeal.HashOf([])), TenantKey, BlockSeal.HashOf([])));
    }
}
