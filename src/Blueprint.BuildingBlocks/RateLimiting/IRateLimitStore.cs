namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>
/// Where rate-limit state lives — in this process or in Redis — deciding several limits at once,
/// all or nothing (see <see cref="RateLimitBatch"/>).
/// </summary>
public interface IRateLimitStore
{
    /// <summary>Decides the charges together: admitted only if every one admits, and a refusal spends nothing.</summary>
    /// <param name="charges">The limits that apply to the request.</param>
    /// <param name="canWait">True when the caller can wait its turn in a leaking bucket's queue.</param>
    /// <param name="cancellationToken">Cancels the wait for a remote store.</param>
    /// <returns>Per charge, in order, what it decided.</returns>
    ValueTask<RateLimitDecision[]> AcquireAllAsync(IReadOnlyList<RateLimitCharge> charges, bool canWait = false, CancellationToken cancellationToken = default);
}
