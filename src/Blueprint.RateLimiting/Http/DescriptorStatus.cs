namespace Blueprint.RateLimiting.Http;

/// <summary>
/// What one descriptor's rule decided: OK, OVER_LIMIT, or SHADOW_OVER_LIMIT (a shadow rule that would have refused).
/// When the request was refused by another rule, an OK rule spent nothing and shows what it has left.
/// </summary>
public sealed record DescriptorStatus(string Code, string? Rule, string? Algorithm, long? Limit, string? Unit, long? Remaining, long? ResetSeconds, long? RetryAfterSeconds, bool Shadow)
{
    internal static DescriptorStatus NoRule { get; } = new("OK", null, null, null, null, null, null, null, false);

    internal static DescriptorStatus Of(RuleOutcome outcome)
    {
        var (rule, decision) = (outcome.Rule, outcome.Decision);
        var code = decision.Allowed ? "OK" : rule.Shadow ? "SHADOW_OVER_LIMIT" : "OVER_LIMIT";
        long? retry = decision.Allowed || decision.RetryAfter == TimeSpan.MaxValue ? null : RateLimitHeaders.Seconds(decision.RetryAfter);
        return new DescriptorStatus(code, rule.Name, rule.Algorithm, rule.Limit.Limit, rule.Unit, Math.Max(0, decision.Remaining), RateLimitHeaders.Seconds(decision.ResetAfter), retry, rule.Shadow);
    }
}
