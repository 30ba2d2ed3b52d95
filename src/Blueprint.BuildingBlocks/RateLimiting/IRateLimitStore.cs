namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>One limit's part in a decision: the algorithm and limit, the key whose budget pays, and the cost.</summary>
/// <param name="Algorithm">One of <see cref="RateLimitAlgorithms.Names"/>.</param>
/// <param name="Limit">The limit per key.</param>
/// <param name="Key">Whose budget: a user, a tenant, an IP, or one key for a global limit.</param>
/// <param name="Cost">Units the request costs under this limit.</param>
public readonly record struct RateLimitCharge(string Algorithm, RateLimit Limit, string Key, long Cost = 1);

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
