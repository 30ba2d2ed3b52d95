using System.Diagnostics.Metrics;

namespace Blueprint.RateLimiting;

/// <summary>
/// The monitoring seed 003 §4 asks for: decisions per rule and algorithm, by outcome — allowed,
/// throttled, or shadow_throttled (a shadow rule that would have refused). In /metrics as
/// <c>blueprint_ratelimit_decisions_total</c>.
/// </summary>
public sealed class RateLimitMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Blueprint.RateLimiting";

    private readonly Counter<long> _decisions;

    /// <summary>Creates the instruments on <paramref name="meters"/>.</summary>
    public RateLimitMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _decisions = meters.Create(MeterName).CreateCounter<long>("blueprint.ratelimit.decisions", "{decision}", "Rate-limit decisions per rule, algorithm and outcome.");
    }

    internal void Record(IReadOnlyList<RuleOutcome> enforced, IReadOnlyList<RuleOutcome> shadow, bool admitted)
    {
        foreach (var outcome in enforced)
        {
            // On a refused request, a rule that alone would have admitted it did not decide.
            var result = outcome.Decision.Allowed ? (admitted ? "allowed" : null) : "throttled";
            if (result is not null)
            {
                Add(outcome, result);
            }
        }

        foreach (var outcome in shadow)
        {
            Add(outcome, outcome.Decision.Allowed ? "allowed" : "shadow_throttled");
        }
    }

    private void Add(RuleOutcome outcome, string result) =>
        _decisions.Add(1, new("rule", outcome.Rule.Name), new("algorithm", outcome.Rule.Algorithm), new("outcome", result));
}
