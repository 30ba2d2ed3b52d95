namespace Blueprint.RateLimiting.Rules;

/// <summary>A rule that applies to a request, and the counter it spends from.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="CounterKey">The domain and descriptor the budget belongs to (one per user, per tenant...).</param>
public readonly record struct RuleMatch(RateLimitRule Rule, string CounterKey);
