namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>
/// One of seed 003 §4's five algorithms, deciding per key (a user, an IP, an API key). A refused
/// request consumes nothing. Thread-safe; time comes from a <see cref="TimeProvider"/>.
/// </summary>
public interface IRateLimitAlgorithm : IAsyncRateLimitAlgorithm
{
    /// <summary>Decides one request of <paramref name="cost"/> units for <paramref name="key"/>.</summary>
    /// <param name="key">Whose budget the request spends.</param>
    /// <param name="cost">Units the request costs (a heavy route may cost more than 1).</param>
    /// <param name="canWait">True when the caller can wait <see cref="RateLimitDecision.Delay"/> (the leaking bucket's queue); false admits only requests whose turn is now.</param>
    /// <exception cref="ArgumentOutOfRangeException">The cost is not positive.</exception>
    RateLimitDecision Acquire(string key, long cost = 1, bool canWait = false);

    /// <summary>Forgets keys idle long enough to be back at a full budget; returns how many. Call it now and then.</summary>
    int Purge();
}
