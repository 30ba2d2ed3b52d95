using System.Buffers.Binary;
using System.IO.Hashing;

namespace Blueprint.BuildingBlocks.Probabilistic;

/// <summary>
/// A Bloom filter (seed 003 §8): "no" is certain, "maybe" is wrong with a chosen probability. Sized
/// from the expected number of items and that probability; adds are thread-safe and lock-free.
/// </summary>
/// <remarks>
/// The k bit positions of an item come from one 128-bit XxHash128 of its bytes, split into two 64-bit
/// halves h1, h2 and combined as h1 + i·h2 (Kirsch and Mitzenmacher), which behaves like k independent
/// hashes at the cost of one.
/// </remarks>
public sealed class BloomFilter
{
    private const uint Magic = 0x46_42_50_42; // "BPBF" little-endian
    private const int FormatVersion = 1;

    private readonly ulong[] _words;
    private long _added;

    /// <summary>Sizes a filter for <paramref name="expectedItems"/> at <paramref name="falsePositiveRate"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Items not positive, or the rate not strictly between 0 and 1.</exception>
    public BloomFilter(long expectedItems, double falsePositiveRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(expectedItems, 1);
        if (!(falsePositiveRate > 0 && falsePositiveRate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(falsePositiveRate), falsePositiveRate, "A false-positive rate is a probability strictly between 0 and 1.");
        }

        // m = −n·ln p / (ln 2)², k = (m / n)·ln 2: the sizes that minimise the false-positive rate.
        var bits = Math.Ceiling(-expectedItems * Math.Log(falsePositiveRate) / (Math.Log(2) * Math.Log(2)));
        if (bits > int.MaxValue * 64.0)
        {
            throw new ArgumentOutOfRangeException(nameof(expectedItems), expectedItems, $"That needs {bits:N0} bits, more than one filter holds; split the items over several filters.");
        }

        BitCount = Math.Max(64, (long)bits);
        HashCount = Math.Max(1, (int)Math.Round(BitCount / (double)expectedItems * Math.Log(2)));
        ExpectedItems = expectedItems;
        TargetFalsePositiveRate = falsePositiveRate;
        _words = new ulong[(BitCount + 63) / 64];
    }

    private BloomFilter(long bitCount, int hashCount, long expectedItems, double rate, long added, ulong[] words)
    {
        BitCount = bitCount;
        HashCount = hashCount;
        ExpectedItems = expectedItems;
        TargetFalsePositiveRate = rate;
        _added = added;
        _words = words;
    }

    /// <summary>m, the number of bits.</summary>
    public long BitCount { get; }

    /// <summary>k, the number of bits set per item.</summary>
    public int HashCount { get; }

    /// <summary>The n the filter was sized for.</summary>
    public long ExpectedItems { get; }

    /// <summary>The false-positive rate it was sized for.</summary>
    public double TargetFalsePositiveRate { get; }

    /// <summary>How many adds there were (an item added twice counts twice).</summary>
    public long AddCount => Interlocked.Read(ref _added);

    /// <summary>Bytes of memory the bits take.</summary>
    public long SizeInBytes => _words.LongLength * sizeof(ulong);

    /// <summary>The false-positive rate expected after the adds so far: (1 − e^(−k·n/m))^k.</summary>
    public double EstimatedFalsePositiveRate =>
        Math.Pow(1 - Math.Exp(-HashCount * (double)AddCount / BitCount), HashCount);

    /// <summary>Adds an item given as bytes.</summary>
    public void Add(ReadOnlySpan<byte> item)
    {
        var (h1, h2) = Hash(item);
        for (var i = 0; i < HashCount; i++)
        {
            var bit = BitFor(h1, h2, i);
            Interlocked.Or(ref _words[bit >> 6], 1UL << (int)(bit & 63));
        }

        Interlocked.Increment(ref _added);
    }

    /// <summary>Adds a string item, hashed as UTF-8.</summary>
    public void Add(string item) => Utf8.With(item, this, static (bytes, filter) => { filter.Add(bytes); return true; });

    /// <summary>False when the item was certainly never added; true when it probably was.</summary>
    public bool MightContain(ReadOnlySpan<byte> item)
    {
        var (h1, h2) = Hash(item);
        for (var i = 0; i < HashCount; i++)
        {
            var bit = BitFor(h1, h2, i);
            if ((Volatile.Read(ref _words[bit >> 6]) & (1UL << (int)(bit & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>False when the string was certainly never added; true when it probably was.</summary>
    public bool MightContain(string item) => Utf8.With(item, this, static (bytes, filter) => filter.MightContain(bytes));

    /// <summary>Writes the filter to a stream, so a service can persist it and load it on start.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> header = stackalloc byte[36];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], FormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(header[8..], BitCount);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], HashCount);
        BinaryPrimitives.WriteInt64LittleEndian(header[20..], ExpectedItems);
        BinaryPrimitives.WriteInt64LittleEndian(header[28..], AddCount);
        stream.Write(header);
        stream.Write(BitConverter.GetBytes(TargetFalsePositiveRate));
        var buffer = new byte[8 * 1024];
        for (var i = 0; i < _words.Length; i += buffer.Length / 8)
        {
            var count = Math.Min(buffer.Length / 8, _words.Length - i);
            for (var j = 0; j < count; j++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(j * 8), Volatile.Read(ref _words[i + j]));
            }

            stream.Write(buffer, 0, count * 8);
        }
    }

    /// <summary>Reads a filter written by <see cref="WriteTo"/>.</summary>
    /// <exception cref="InvalidDataException">The stream does not hold a filter of this format.</exception>
    public static BloomFilter ReadFrom(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new byte[44];
        stream.ReadExactly(header);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic || BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4)) != FormatVersion)
        {
            throw new InvalidDataException("The stream does not start with a Blueprint Bloom filter, version 1.");
        }

        var bitCount = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(8));
        var hashCount = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(16));
        if (bitCount < 64 || bitCount > int.MaxValue * 64L || hashCount < 1 || hashCount > 64)
        {
            throw new InvalidDataException($"The filter header is damaged: {bitCount} bits, {hashCount} hashes.");
        }

        var words = new ulong[(bitCount + 63) / 64];
        var buffer = new byte[8 * 1024];
        for (var i = 0; i < words.Length; i += buffer.Length / 8)
        {
            var count = Math.Min(buffer.Length / 8, words.Length - i);
            stream.ReadExactly(buffer, 0, count * 8);
            for (var j = 0; j < count; j++)
            {
                words[i + j] = BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(j * 8));
            }
        }

        return new BloomFilter(
            bitCount,
            hashCount,
            BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(20)),
            BitConverter.ToDouble(header, 36),
            BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(28)),
            words);
    }

    // The i-th of the item's k bits: h1 + i·h2 (Kirsch–Mitzenmacher), modulo the filter's size.
    private long BitFor(ulong h1, ulong h2, int i) => (long)((h1 + ((ulong)i * h2)) % (ulong)BitCount);

    private static (ulong H1, ulong H2) Hash(ReadOnlySpan<byte> item)
    {
        var hash = XxHash128.HashToUInt128(item);
        // An odd step visits every residue class evenly, and never 0 (which would repeat one bit k times).
        return ((ulong)(hash >> 64), (ulong)hash | 1);
    }
}
