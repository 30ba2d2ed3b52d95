namespace Blueprint.RateLimiting;

/// <summary>What a limiter decides when its store (Redis) is down or too slow to answer.</summary>
public enum RateLimitFailureMode
{
    /// <summary>Admit every request: the API stays up, unprotected, while the store is away.</summary>
    FailOpen,

    /// <summary>Refuse every request: nothing exceeds its limit, and nothing gets through.</summary>
    FailClosed,
}
