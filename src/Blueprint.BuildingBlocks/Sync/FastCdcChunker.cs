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

    // The gear hash over bytes [from, to): hash' = 2·hash + gear[byte]. Written as h + h + g the JIT
    // emits one lea, so the hash's dependency chain is one cycle a byte; unrolled four times from one
    // native-sized position, each byte costs a load at a constant offset, a table load, the lea and a
    // fused test-and-branch. Returns the block's length when a boundary is found, else 0 (with the
    // hash carried on to the next scan). Compiled optimized at once: a sync client is a short-lived
    // process, and tiering would run this loop unoptimized for most of a large file.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Scan(ref byte bytes, ref ulong hash, int from, int to, ulong mask)
    {
        ref var gear = ref MemoryMarshal.GetArrayDataReference(Gear);
        var h = hash;
        nint i = from;
        nint end = to;
        for (; i + 3 < end; i += 4)
        {
            ref var at = ref Unsafe.Add(ref bytes, i);
            h = h + h + Unsafe.Add(ref gear, at);
            if ((h & mask) == 0)
            {
                return (int)i + 1;
            }

            h = h + h + Unsafe.Add(ref gear, Unsafe.Add(ref at, 1));
            if ((h & mask) == 0)
            {
                return (int)i + 2;
            }

            h = h + h + Unsafe.Add(ref gear, Unsafe.Add(ref at, 2));
            if ((h & mask) == 0)
            {
                return (int)i + 3;
            }

            h = h + h + Unsafe.Add(ref gear, Unsafe.Add(ref at, 3));
            if ((h & mask) == 0)
            {
                return (int)i + 4;
            }
        }

        for (; i < end; i++)
        {
            h = h + h + Unsafe.Add(ref gear, Unsafe.Add(ref bytes, i));
            if ((h & mask) == 0)
            {
                return (int)i + 1;
            }
        }

        hash = h;
        return 0;
    }

    // The top bits below bit 63: they depend on the last 63 bytes, the low ones on the last few. (Bit 63
    // is left out so that boundaries stay those of the two-bytes-a-step scan that came first.)
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
