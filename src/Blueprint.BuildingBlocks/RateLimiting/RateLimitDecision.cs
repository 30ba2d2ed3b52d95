namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>A limit: so many requests (or units of cost) per window.</summary>
/// <param name="Limit">Requests per window; for the token bucket also its capacity (the burst), for the leaking bucket its queue length.</param>
/// <param name="Window">The unit: a second, a minute, an hour, a day, or any span.</param>
public sealed record RateLimit(long Limit, TimeSpan Window)
{
    /// <summary>Refuses a limit or window that is not positive, naming it.</summary>
    public void Validate()
    {
        if (Limit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Limit), Limit, "A limit is at least 1 request per window.");
        }

        if (Window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Window), Window, "A window is a positive span of time.");
        }
    }

    /// <summary>Requests per second this limit allows on average.</summary>
    public double PerSecond => Limit / Window.TotalSeconds;
}

/// <summary>One decision of a rate limiter, with what a client should be told (seed 003 §4).</summary>
/// <param name="Allowed">True when the request may go ahead.</param>
/// <param name="Limit">The limit that decided (X-RateLimit-Limit).</param>
/// <param name="Remaining">Requests left in the current window or bucket (X-RateLimit-Remaining).</param>
/// <param name="ResetAfter">When the window resets or the bucket is full again (X-RateLimit-Reset).</param>
/// <param name="RetryAfter">For a refusal: the earliest time a retry of the same cost can succeed (Retry-After).</param>
/// <param name="Delay">For an admitted request of the leaking bucket: how long it waits for its turn.</param>
public readonly record struct RateLimitDecision(bool Allowed, long Limit, long Remaining, TimeSpan ResetAfter, TimeSpan RetryAfter, TimeSpan Delay = default);

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
