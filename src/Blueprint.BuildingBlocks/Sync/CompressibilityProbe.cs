namespace Blueprint.BuildingBlocks.Sync;

/// <summary>
/// Guesses, from a sample, whether compressing a block can pay — much as btrfs decides before it
/// compresses: the Shannon entropy of the sampled bytes' distribution. Data near 8 bits a byte
/// (photos, video, archives, ciphertext) cannot be made 3 % smaller by coding bytes by frequency,
/// and trying zstd on it costs more than the rest of sealing (a fresh zstd frame is about 9 µs even
/// for 1 KiB here). What the probe cannot see is long repeats of high-entropy bytes (a random
/// kilobyte written twice); such a block is stored as it is, which costs space, never correctness.
/// </summary>
public static class CompressibilityProbe
{
    /// <summary>Blocks up to this long are sampled whole.</summary>
    public const int SampleLength = 1024;

    // Sampled as 16 slices of 64 bytes spread over the block, so a compressible tail is seen too.
    private const int SliceLength = 64;

    // c · log2(c) for every count a sample can hold: the entropy without a logarithm per byte value.
    private static readonly double[] CountTimesLog = [.. Enumerable.Range(0, SampleLength + 1).Select(c => c == 0 ? 0 : c * Math.Log2(c))];

    // Order-0 coding saves 3 % only below 8 × 0.97 = 7.76 bits a byte; 7.8 leaves room for the
    // estimate's spread, which on random bytes centres on 8.0 once corrected for the sample's size.
    private const double IncompressibleBits = 7.8;

    /// <summary>True when the block's sample looks like random bytes: not worth compressing.</summary>
    public static bool LooksIncompressible(ReadOnlySpan<byte> block)
    {
        if (block.Length < 512)
        {
            return false; // too few bytes to judge; compressing them is cheap anyway
        }

        Span<int> counts = stackalloc int[256];
        var sampled = 0;
        if (block.Length <= SampleLength)
        {
            Count(block, counts);
            sampled = block.Length;
        }
        else
        {
            var slices = SampleLength / SliceLength;
            var stride = (block.Length - SliceLength) / (slices - 1);
            for (var i = 0; i < slices; i++)
            {
                Count(block.Slice(i * stride, SliceLength), counts);
            }

            sampled = slices * SliceLength;
        }

        return EntropyBits(counts, sampled) >= IncompressibleBits;
    }

    /// <summary>
    /// The entropy, in bits a byte, of byte counts over <paramref name="total"/> bytes, with the
    /// Miller–Madow correction ((K − 1) / 2n for K values seen): a sample underestimates entropy,
    /// by about 0.18 bits for 1 KiB of random bytes (0.36 for 512), which would otherwise pass for compressible.
    /// </summary>
    public static double EntropyBits(ReadOnlySpan<int> counts, int total)
    {
        if (total <= 0)
        {
            return 0;
        }

        // H = −Σ (c/n) log2(c/n) = log2 n − (Σ c log2 c) / n
        double weighted = 0;
        var seen = 0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                weighted += count < CountTimesLog.Length ? CountTimesLog[count] : count * Math.Log2(count);
                seen++;
            }
        }

        return Math.Log2(total) - (weighted / total) + ((seen - 1) / (2.0 * total * Math.Log(2)));
    }

    private static void Count(ReadOnlySpan<byte> bytes, Span<int> counts)
    {
        foreach (var b in bytes)
        {
            counts[b]++;
        }
    }
}
