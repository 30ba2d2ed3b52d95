using System.Security.Cryptography;
using System.Text;
using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.BuildingBlocks.Tests.Sync;

/// <summary>The sample that spares zstd on blocks it cannot shrink.</summary>
public sealed class CompressibilityProbeTests
{
    [Theory]
    [InlineData(512)]
    [InlineData(1024)]
    [InlineData(4096)]
    [InlineData(16 * 1024)]
    [InlineData(1024 * 1024)]
    public void RandomBytes_OfAnySize_LookIncompressible(int length)
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var block = new byte[length];
            new Random(seed).NextBytes(block);
            Assert.True(CompressibilityProbe.LooksIncompressible(block), $"seed {seed}, {length} bytes");
        }
    }

    [Fact]
    public void Text_ZeroesAndSmallBlocks_AreWorthTrying()
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 2000).Select(i => $"line {i}: nothing much happened here; ")));

        Assert.False(CompressibilityProbe.LooksIncompressible(text));
        Assert.False(CompressibilityProbe.LooksIncompressible(new byte[64 * 1024]));
        Assert.False(CompressibilityProbe.LooksIncompressible(RandomNumberGenerator.GetBytes(100))); // too few bytes to judge
    }

    [Fact]
    public void ACompressibleTail_IsSeen_BecauseTheSampleSpansTheBlock()
    {
        var block = new byte[256 * 1024];
        RandomNumberGenerator.Fill(block.AsSpan(0, 128 * 1024)); // random head, zero tail

        Assert.False(CompressibilityProbe.LooksIncompressible(block));
        var sealedBlock = BlockSeal.Seal(block, RandomNumberGenerator.GetBytes(32), BlockSeal.HashOf(block));
        Assert.True(sealedBlock.Length < block.Length * 6 / 10, $"{sealedBlock.Length} bytes stored for {block.Length}");
    }

    [Fact]
    public void Entropy_IsEightBitsForEveryByteValueOnce_AndZeroForOneValue()
    {
        var uniform = Enumerable.Repeat(16, 256).ToArray();
        var single = new int[256];
        single[7] = 4096;

        // Miller–Madow adds (256 - 1) / (2 · 4096 · ln 2) to the uniform's 8 bits.
        Assert.Equal(8 + (255 / (2.0 * 4096 * Math.Log(2))), CompressibilityProbe.EntropyBits(uniform, 4096), 9);
        Assert.Equal(0, CompressibilityProbe.EntropyBits(single, 4096), 9);
        Assert.Equal(0, CompressibilityProbe.EntropyBits(new int[256], 0));
    }
}
