using Blueprint.BuildingBlocks.RateLimiting;
using Blueprint.RateLimiting.Rules;

namespace Blueprint.RateLimiting;

/// <summary>A rule that applied to a request, the counter it spent from, and what it decided.</summary>
public sealed record RuleOutcome(RateLimitRule Rule, string CounterKey, RateLimitDecision Decision);
