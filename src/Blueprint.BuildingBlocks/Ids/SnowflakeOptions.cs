namespace Blueprint.BuildingBlocks.Ids;

/// <summary>Settings of one Snowflake generator.</summary>
public sealed class SnowflakeOptions
{
    /// <summary>Twitter's epoch, 2010-11-04T01:42:54.657Z, the seed's example.</summary>
    public static readonly DateTimeOffset TwitterEpoch = DateTimeOffset.FromUnixTimeMilliseconds(1288834974657);

    /// <summary>Time zero of the timestamp field; must not be in the future. Defaults to 2026-01-01.</summary>
    public DateTimeOffset Epoch { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The bit layout; the seed's 41/5/5/12 by default.</summary>
    public SnowflakeLayout Layout { get; set; } = SnowflakeLayout.Twitter;

    /// <summary>This generator's datacenter id.</summary>
    public int DatacenterId { get; set; }

    /// <summary>This generator's worker id, unique within its datacenter.</summary>
    public int WorkerId { get; set; }

    /// <summary>
    /// How far the clock may step back before <see cref="SnowflakeGenerator.Next"/> gives up with
    /// <see cref="ClockMovedBackwardsException"/> instead of waiting for it to catch up.
    /// </summary>
    public TimeSpan MaxClockRollback { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How far ahead of the issued timestamps the checkpoint reserves. One checkpoint write per this
    /// much time; after a restart the generator waits at most this long.
    /// </summary>
    public TimeSpan CheckpointAhead { get; set; } = TimeSpan.FromSeconds(1);
}
