namespace Blueprint.BuildingBlocks.Ids;

/// <summary>A Snowflake ID taken apart: when, where and which within that millisecond.</summary>
/// <param name="Id">The ID itself.</param>
/// <param name="Timestamp">The millisecond it was issued in.</param>
/// <param name="MillisecondsSinceEpoch">The raw timestamp field.</param>
/// <param name="DatacenterId">The datacenter field.</param>
/// <param name="WorkerId">The worker field.</param>
/// <param name="Sequence">The sequence field.</param>
public readonly record struct SnowflakeParts(long Id, DateTimeOffset Timestamp, long MillisecondsSinceEpoch, int DatacenterId, int WorkerId, long Sequence);
