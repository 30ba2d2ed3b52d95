namespace Blueprint.BuildingBlocks.Ids;

/// <summary>Composes and decomposes Snowflake IDs for one layout and epoch.</summary>
public sealed class SnowflakeCodec
{
    /// <summary>Creates a codec.</summary>
    /// <param name="layout">The bit layout.</param>
    /// <param name="epoch">Time zero of the timestamp field.</param>
    public SnowflakeCodec(SnowflakeLayout layout, DateTimeOffset epoch)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Layout = layout;
        Epoch = epoch;
    }

    /// <summary>The bit layout.</summary>
    public SnowflakeLayout Layout { get; }

    /// <summary>Time zero of the timestamp field.</summary>
    public DateTimeOffset Epoch { get; }

    /// <summary>Takes an ID apart.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The ID is negative.</exception>
    public SnowflakeParts Decode(long id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        var milliseconds = id >>> Layout.TimestampShift;
        return new SnowflakeParts(
            id,
            Epoch.AddMilliseconds(milliseconds),
            milliseconds,
            (int)((id >>> Layout.DatacenterShift) & Layout.MaxDatacenterId),
            (int)((id >>> Layout.WorkerShift) & Layout.MaxWorkerId),
            id & Layout.MaxSequence);
    }

    /// <summary>Puts an ID together from its fields.</summary>
    public long Compose(long millisecondsSinceEpoch, int datacenterId, int workerId, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(millisecondsSinceEpoch);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(millisecondsSinceEpoch, Layout.MaxTimestamp);
        ArgumentOutOfRangeException.ThrowIfNegative(datacenterId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(datacenterId, Layout.MaxDatacenterId);
        ArgumentOutOfRangeException.ThrowIfNegative(workerId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workerId, Layout.MaxWorkerId);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, Layout.MaxSequence);
        return (millisecondsSinceEpoch << Layout.TimestampShift)
            | ((long)datacenterId << Layout.DatacenterShift)
            | ((long)workerId << Layout.WorkerShift)
            | sequence;
    }

    /// <summary>The smallest ID any worker could issue in the given millisecond: a lower bound for range scans by time.</summary>
    public long LowestIdAt(DateTimeOffset time) =>
        Compose(Math.Max(0, (long)(time - Epoch).TotalMilliseconds), 0, 0, 0);
}
