namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>One decision of a rate limiter, with what a client should be told (seed 003 §4).</summary>
/// <param name="Allowed">True when the request may go ahead.</param>
/// <param name="Limit">The limit that decided (X-RateLimit-Limit).</param>
/// <param name="Remaining">Requests left in the current window or bucket (X-RateLimit-Remaining).</param>
/// <param name="ResetAfter">When the window resets or the bucket is full again (X-RateLimit-Reset).</param>
/// <param name="RetryAfter">For a refusal: the earliest time a retry of the same cost can succeed (Retry-After).</param>
/// <param name="Delay">For an admitted request of the leaking bucket: how long it waits for its turn.</param>
public readonly record struct RateLimitDecision(bool Allowed, long Limit, long Remaining, TimeSpan ResetAfter, TimeSpan RetryAfter, TimeSpan Delay = default);
