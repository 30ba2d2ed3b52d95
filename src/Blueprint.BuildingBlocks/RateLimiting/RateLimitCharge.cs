namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>One limit's part in a decision: the algorithm and limit, the key whose budget pays, and the cost.</summary>
/// <param name="Algorithm">One of <see cref="RateLimitAlgorithms.Names"/>.</param>
/// <param name="Limit">The limit per key.</param>
/// <param name="Key">Whose budget: a user, a tenant, an IP, or one key for a global limit.</param>
/// <param name="Cost">Units the request costs under this limit.</param>
public readonly record struct RateLimitCharge(string Algorithm, RateLimit Limit, string Key, long Cost = 1);
