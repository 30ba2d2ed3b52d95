using System.Security.Cryptography;

namespace Blueprint.BuildingBlocks.Ids;

/// <summary>
/// UUID version 7 that stays monotonic within a millisecond, by RFC 9562 §6.2 method 1: a 42-bit
/// counter in rand_a and the top of rand_b, seeded randomly each millisecond with its top bit clear
/// (room to count), then 32 random bits. <see cref="Guid.CreateVersion7()"/> fills those bits at
/// random, so two UUIDs of one millisecond come out in either order.
/// </summary>
/// <remarks>
/// If the counter runs out within a millisecond the timestamp is moved one millisecond ahead of the
/// clock, which §6.2 allows; if the clock steps back the last timestamp is kept. Either way each UUID
/// is greater than the one before, compared as bytes or as its string.
/// </remarks>
public sealed class UuidV7Generator : IIdGenerator<Guid>
{
    private const int CounterBits = 42;
    private const long CounterMax = (1L << CounterBits) - 1;

    private const int RandomBufferSize = 4096;

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    // One call to the OS's CSPRNG per ~400 UUIDs instead of one per UUID: the system call, not the
    // arithmetic, is what a UUID costs (Guid.NewGuid pays it every time).
    private readonly byte[] _random = new byte[RandomBufferSize];
    private int _randomUsed = RandomBufferSize;
    private long _lastMilliseconds = -1;
    private long _counter;

    /// <summary>Creates a generator on the given clock (the system clock when null).</summary>
    public UuidV7Generator(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public string Scheme => "uuid-v7";

    /// <summary>Issues the next UUID, greater than every one this generator issued before.</summary>
    public Guid Next()
    {
        Span<byte> random = stackalloc byte[10];
        long milliseconds;
        long counter;
        lock (_gate)
        {
            if (_randomUsed + random.Length > RandomBufferSize)
            {
                RandomNumberGenerator.Fill(_random);
                _randomUsed = 0;
            }

            _random.AsSpan(_randomUsed, random.Length).CopyTo(random);
            _randomUsed += random.Length;
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            if (now <= _lastMilliseconds && _counter < CounterMax)
            {
                _counter++;
            }
            else
            {
                // A new millisecond, or the counter ran out and the timestamp moves one ahead. Random
                // start, top bit clear: at least 2^41 increments before it can overflow.
                _lastMilliseconds = Math.Max(now, _lastMilliseconds + 1);
                _counter = (long)(BitConverter.ToUInt64(random[..8]) & (CounterMax >> 1));
            }

            milliseconds = _lastMilliseconds;
            counter = _counter;
        }

        Span<byte> bytes = stackalloc byte[16];
        bytes[0] = (byte)(milliseconds >> 40);
        bytes[1] = (byte)(milliseconds >> 32);
        bytes[2] = (byte)(milliseconds >> 24);
        bytes[3] = (byte)(milliseconds >> 16);
        bytes[4] = (byte)(milliseconds >> 8);
        bytes[5] = (byte)milliseconds;
        bytes[6] = (byte)(0x70 | (int)((counter >> 38) & 0x0F)); // version 7, rand_a bits 11..8
        bytes[7] = (byte)(counter >> 30);                        // rand_a bits 7..0
        bytes[8] = (byte)(0x80 | (int)((counter >> 24) & 0x3F)); // variant 10, then counter
        bytes[9] = (byte)(counter >> 16);
        bytes[10] = (byte)(counter >> 8);
        bytes[11] = (byte)counter;
        random[6..10].CopyTo(bytes[12..]);
        return new Guid(bytes, bigEndian: true);
    }

    /// <inheritdoc />
    public ValueTask<Guid> NextAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Next());

    /// <summary>The millisecond a version 7 UUID carries.</summary>
    public static DateTimeOffset TimestampOf(Guid uuid)
    {
        Span<byte> bytes = stackalloc byte[16];
        uuid.TryWriteBytes(bytes, bigEndian: true, out _);
        long milliseconds = 0;
        for (var i = 0; i < 6; i++)
        {
            milliseconds = (milliseconds << 8) | bytes[i];
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }
}
