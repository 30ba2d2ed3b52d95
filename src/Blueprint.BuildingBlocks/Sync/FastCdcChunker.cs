using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Blueprint.BuildingBlocks.Sync;

/// <summary>
/// Content-defined chunking, FastCDC (Xia et al., USENIX ATC 2016): a block ends where a rolling
/// "gear" hash of the last bytes matches a mask, so boundaries follow the content — an insertion
/// changes only the blocks around it and every later boundary is found again. Three of FastCDC's
/// ideas make it fast and its blocks even: the gear hash costs a shift and an add per byte; the
/// first <c>minimum</c> bytes of a block are skipped, never hashed; and "normalized chunking" uses a
/// harder mask before the average length and an easier one after it, so lengths cluster around the
/// average. The gear table comes from a fixed seed: boundaries are the same on every machine and
/// in every version, which is what lets two clients agree on blocks.
/// </summary>
public sealed class FastCdcChunker : IChunker
{
    private static readonly ulong[] Gear = CreateGear(0x5EED_B10C_C0FF_EE42UL);
    private static readonly ulong[] GearShifted = [.. Gear.Select(g => g << 1)];
    private readonly int _minimum;
    private readonly int _average;
    private readonly ulong _hardMask;
    private readonly ulong _easyMask;

    /// <param name="average">The length blocks cluster around: a power of two from 256 bytes to 64 MiB.</param>
    /// <param name="minimum">The shortest block but the last; a quarter of the average when not given.</param>
    /// <param name="maximum">The longest block; four times the average when not given.</param>
    public FastCdcChunker(int average = 64 * 1024, int? minimum = null, int? maximum = null)
    {
        if (average is < 256 or > 64 * 1024 * 1024 || !BitOperations.IsPow2(average))
        {
            throw InvalidOption.For(nameof(average), $"The average block is a power of two from 256 bytes to 64 MiB; {average} was given.");
        }

        _minimum = minimum ?? average / 4;
        MaxChunkLength = maximum ?? average * 4;
        if (_minimum < 64 || _minimum >= average)
        {
            throw InvalidOption.For(nameof(minimum), $"The minimum block is from 64 bytes to less than the average ({average}); {_minimum} was given.");
        }

        if (MaxChunkLength <= average || MaxChunkLength > int.MaxValue / 2)
        {
            throw InvalidOption.For(nameof(maximum), $"The maximum block is more than the average ({average}); {MaxChunkLength} was given.");
        }

        _average = average;
        // Normalization level 2: two bits more than log2(average) before it, two fewer after.
        var bits = BitOperations.Log2((uint)average);
        _hardMask = TopBits(bits + 2);
        _easyMask = TopBits(bits - 2);
    }

    /// <inheritdoc />
    public int MaxChunkLength { get; }

    /// <inheritdoc />
    public int NextChunkLength(ReadOnlySpan<byte> data)
    {
        var length = data.Length;
        if (length <= _minimum)
        {
            return length;
        }

        ref var bytes = ref MemoryMarshal.GetReference(data);
        ulong hash = 0;
        var cut = Scan(ref bytes, ref hash, _minimum, Math.Min(_average, length), _hardMask);
        if (cut > 0)
        {
            return cut;
        }

        var end = Math.Min(MaxChunkLength, length);
        cut = Scan(ref bytes, ref hash, Math.Min(_average, length), end, _easyMask);
        return cut > 0 ? cut : end;
    }

    // The gear hash over bytes [from, to), two bytes a step: hash' = (hash << 2) + (gear[a] << 1) + gear[b],
    // which is exactly two one-byte steps, but with the two table values added off the critical path
    // (a shift and an add per two bytes). The first byte's hash is (hash << 2) + (gear[a] << 1) shifted
    // left once, so it is tested against the mask shifted left once: the masks leave bit 63 clear for that.
    // Returns the block's length when a boundary is found, else 0 (with the hash carried on).
    private static int Scan(ref byte bytes, ref ulong hash, int from, int to, ulong mask)
    {
        ref var gear = ref MemoryMarshal.GetArrayDataReference(Gear);
        ref var gearShifted = ref MemoryMarshal.GetArrayDataReference(GearShifted);
        var shiftedMask = mask << 1;
        var h = hash;
        var i = from;
        for (; i + 1 < to; i += 2)
        {
            var first = Unsafe.Add(ref gearShifted, Unsafe.Add(ref bytes, i));
            var both = first + Unsafe.Add(ref gear, Unsafe.Add(ref bytes, i + 1));
            var shifted = h << 2;
            if (((shifted + first) & shiftedMask) == 0)
            {
                return i + 1;
            }

            h = shifted + both;
            if ((h & mask) == 0)
            {
                return i + 2;
            }
        }

        if (i < to)
        {
            h = (h << 1) + Unsafe.Add(ref gear, Unsafe.Add(ref bytes, i));
            if ((h & mask) == 0)
            {
                return i + 1;
            }
        }

        hash = h;
        return 0;
    }

    // The top bits below bit 63 (see Scan): they depend on the last 63 bytes, the low ones on the last few.
    private static ulong TopBits(int count) => (~0UL << (64 - count)) >> 1;

    // 256 pseudo-random 64-bit values from SplitMix64: fixed for good, since boundaries depend on them.
    private static ulong[] CreateGear(ulong seed)
    {
        var table = new ulong[256];
        for (var i = 0; i < table.Length; i++)
        {
            seed += 0x9E3779B97F4A7C15UL;
            var z = seed;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            table[i] = z ^ (z >> 31);
        }

        return table;
    }
}
