namespace Blueprint.Ids.Contracts;

/// <summary>Unique, time-ordered Snowflake IDs from this host's worker id, for other modules (the URL shortener's keys).</summary>
public interface IUniqueIds
{
    /// <summary>One new ID; waits up to 3 s for this host's first worker id after start-up.</summary>
    /// <exception cref="IdsUnavailableException">The host has no valid worker id.</exception>
    Task<long> NextAsync(CancellationToken cancellationToken);
}
