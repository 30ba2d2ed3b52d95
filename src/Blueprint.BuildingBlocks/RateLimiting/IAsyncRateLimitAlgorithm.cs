namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>
/// A rate limit algorithm whose state may live elsewhere (Redis), so a decision is a round trip.
/// In-process algorithms implement it too, completing synchronously.
/// </summary>
public interface IAsyncRateLimitAlgorithm
{
    /// <summary>The algorithm's name: token-bucket, leaking-bucket, fixed-window, sliding-log or sliding-window.</summary>
    string Name { get; }

    /// <summary>The limit it enforces per key.</summary>
    RateLimit Limit { get; }

    /// <summary>Decides one request of <paramref name="cost"/> units for <paramref name="key"/>; see <see cref="IRateLimitAlgorithm.Acquire"/>.</summary>
    ValueTask<RateLimitDecision> AcquireAsync(string key, long cost = 1, bool canWait = false, CancellationToken cancellationToken = default);
}
