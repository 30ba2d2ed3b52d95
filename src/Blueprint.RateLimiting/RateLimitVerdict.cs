namespace Blueprint.RateLimiting;

/// <summary>What the rules decided for one request.</summary>
/// <param name="Allowed">True when every enforced rule admitted it (shadow rules never refuse).</param>
/// <param name="Delay">How long a queued request waits its turn (leaking bucket with queue: true).</param>
/// <param name="PerDescriptor">Per descriptor asked about, the rule it reached, or null when none.</param>
/// <param name="Enforced">The enforced rules' outcomes.</param>
/// <param name="Shadow">The shadow rules' outcomes: what they would have decided.</param>
public sealed record RateLimitVerdict(bool Allowed, TimeSpan Delay, IReadOnlyList<RuleOutcome?> PerDescriptor, IReadOnlyList<RuleOutcome> Enforced, IReadOnlyList<RuleOutcome> Shadow)
{
    /// <summary>No rule applied.</summary>
    public static RateLimitVerdict Unlimited { get; } = new(true, TimeSpan.Zero, [], [], []);

    /// <summary>
    /// The rule a client should be told about: when refused, the refusing rule that frees up last;
    /// when admitted, the one with the least left.
    /// </summary>
    public RuleOutcome? Binding => Allowed
        ? Enforced.MinBy(o => (o.Decision.Remaining, o.Decision.ResetAfter))
        : Enforced.Where(o => !o.Decision.Allowed).MaxBy(o => o.Decision.RetryAfter);
}
