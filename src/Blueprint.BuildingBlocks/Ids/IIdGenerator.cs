namespace Blueprint.BuildingBlocks.Ids;

/// <summary>
/// One of seed 003 §7's ways to issue unique IDs. In-process generators complete synchronously;
/// the ticket server needs a round trip, which is why the interface is asynchronous.
/// </summary>
/// <typeparam name="TId">The ID's type: a 64-bit number, a UUID or a ULID.</typeparam>
public interface IIdGenerator<TId>
{
    /// <summary>A short name for tables and benchmarks, e.g. "snowflake" or "uuid-v7".</summary>
    string Scheme { get; }

    /// <summary>Issues the next ID.</summary>
    ValueTask<TId> NextAsync(CancellationToken cancellationToken = default);
}
