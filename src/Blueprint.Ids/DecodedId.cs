namespace Blueprint.Ids;

/// <summary>A Snowflake ID taken apart.</summary>
/// <param name="Id">The ID.</param>
/// <param name="Timestamp">When it was issued, to the millisecond.</param>
/// <param name="MillisecondsSinceEpoch">The raw timestamp field.</param>
/// <param name="DatacenterId">The datacenter field.</param>
/// <param name="WorkerId">The worker field.</param>
/// <param name="Sequence">The sequence field.</param>
public sealed record DecodedId(string Id, DateTimeOffset Timestamp, long MillisecondsSinceEpoch, int DatacenterId, int WorkerId, long Sequence);
