using System.Security.Cryptography;

namespace Blueprint.BuildingBlocks.Ids;

/// <summary>
/// ULIDs, monotonic per generator: within one millisecond the random part is incremented rather
/// than redrawn, so IDs of one millisecond still sort in issue order. If it overflows, the carry
/// moves the timestamp one millisecond ahead of the clock.
/// </summary>
public sealed class UlidGenerator : IIdGenerator<Ulid>
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private UInt128 _last;

    /// <summary>Creates a generator on the given clock (the system clock when null).</summary>
    public UlidGenerator(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public string Scheme => "ulid";

    /// <summary>Issues the next ULID.</summary>
    public Ulid Next()
    {
        var now = (ulong)_time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            if (now > (ulong)(_last >> 80))
            {
                Span<byte> random = stackalloc byte[10];
                RandomNumberGenerator.Fill(random);
                var high = (UInt128)BitConverter.ToUInt16(random[..2]) << 64;
                _last = ((UInt128)now << 80) | high | BitConverter.ToUInt64(random[2..]);
            }
            else
            {
                _last++;
            }

            return new Ulid(_last);
        }
    }

    /// <inheritdoc />
    public ValueTask<Ulid> NextAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Next());
}
