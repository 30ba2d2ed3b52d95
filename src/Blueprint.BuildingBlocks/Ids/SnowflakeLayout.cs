namespace Blueprint.BuildingBlocks.Ids;

/// <summary>
/// How the 63 usable bits of a Snowflake ID are split (seed 003 §7): from the top, milliseconds since
/// the epoch, datacenter, worker, then a per-millisecond sequence. The sign bit is always zero, so IDs
/// sort the same as signed and unsigned numbers.
/// </summary>
public sealed record SnowflakeLayout
{
    /// <summary>The seed's layout: 41 bits of time (69 years), 5 of datacenter, 5 of worker, 12 of sequence.</summary>
    public static SnowflakeLayout Twitter { get; } = new(41, 5, 5, 12);

    /// <summary>Creates a layout; the four widths must add up to 63.</summary>
    /// <exception cref="ArgumentException">A width is out of range or the widths do not add up to 63.</exception>
    public SnowflakeLayout(int timestampBits, int datacenterBits, int workerBits, int sequenceBits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timestampBits, 32);
        ArgumentOutOfRangeException.ThrowIfNegative(datacenterBits);
        ArgumentOutOfRangeException.ThrowIfNegative(workerBits);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequenceBits, 1);
        if (timestampBits + datacenterBits + workerBits + sequenceBits != 63)
        {
            throw new ArgumentException(
                $"The widths add up to {timestampBits + datacenterBits + workerBits + sequenceBits} bits; a Snowflake ID has 63 (the sign bit stays zero).",
                nameof(sequenceBits));
        }

        TimestampBits = timestampBits;
        DatacenterBits = datacenterBits;
        WorkerBits = workerBits;
        SequenceBits = sequenceBits;
    }

    /// <summary>Bits of milliseconds since the epoch.</summary>
    public int TimestampBits { get; }

    /// <summary>Bits of datacenter id.</summary>
    public int DatacenterBits { get; }

    /// <summary>Bits of worker id within a datacenter.</summary>
    public int WorkerBits { get; }

    /// <summary>Bits of sequence within one millisecond on one worker.</summary>
    public int SequenceBits { get; }

    /// <summary>The largest timestamp, in milliseconds since the epoch.</summary>
    public long MaxTimestamp => (1L << TimestampBits) - 1;

    /// <summary>The largest datacenter id.</summary>
    public int MaxDatacenterId => (1 << DatacenterBits) - 1;

    /// <summary>The largest worker id.</summary>
    public int MaxWorkerId => (1 << WorkerBits) - 1;

    /// <summary>The largest sequence number: IDs per millisecond per worker, minus one.</summary>
    public long MaxSequence => (1L << SequenceBits) - 1;

    internal int WorkerShift => SequenceBits;

    internal int DatacenterShift => SequenceBits + WorkerBits;

    internal int TimestampShift => SequenceBits + WorkerBits + DatacenterBits;
}
