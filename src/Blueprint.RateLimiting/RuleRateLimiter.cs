using Blueprint.BuildingBlocks.RateLimiting;
using Blueprint.RateLimiting.Rules;

namespace Blueprint.RateLimiting;

/// <summary>
/// The rate limiter with its rules: finds the rules a request's descriptors reach, decides the
/// enforced ones together in the store — all or nothing — and counts the shadow ones on the side.
/// </summary>
public sealed class RuleRateLimiter(RateLimitRuleSource rules, IRateLimitStore store, RateLimitMetrics metrics)
{
    /// <summary>The rules in force.</summary>
    public RateLimitRuleSet Rules => rules.Current;

    /// <summary>Decides one request.</summary>
    /// <param name="descriptors">What the request is, as descriptors (each a list of entries).</param>
    /// <param name="hits">How many requests it counts as; each rule charges hits × its cost.</param>
    /// <param name="cancellationToken">Cancels the wait for the store.</param>
    public async ValueTask<RateLimitVerdict> CheckAsync(IReadOnlyList<IReadOnlyList<DescriptorEntry>> descriptors, long hits = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        ArgumentOutOfRangeException.ThrowIfLessThan(hits, 1);
        var set = rules.Current;
        var matches = descriptors.Select(set.Match).ToList();
        // Two descriptors reaching one counter spend it once.
        var distinct = matches.OfType<RuleMatch>().DistinctBy(m => m.CounterKey).ToList();
        if (distinct.Count == 0)
        {
            return RateLimitVerdict.Unlimited with { PerDescriptor = [.. matches.Select(_ => (RuleOutcome?)null)] };
        }

        var enforced = distinct.Where(m => !m.Rule.Shadow).ToList();
        var shadow = distinct.Where(m => m.Rule.Shadow).ToList();
        var enforcedDecisions = await store.AcquireAllAsync([.. enforced.Select(m => Charge(m, hits))], enforced.Any(m => m.Rule.Queue), cancellationToken).ConfigureAwait(false);
        var admitted = enforcedDecisions.All(d => d.Allowed);
        var enforcedOutcomes = enforced.Select((m, i) => new RuleOutcome(m.Rule, m.CounterKey, enforcedDecisions[i])).ToList();

        // Shadow rules count only what was admitted, each on its own, as if each were the one enforced limit.
        var shadowOutcomes = new List<RuleOutcome>(shadow.Count);
        if (admitted)
        {
            foreach (var match in shadow)
            {
                var decision = (await store.AcquireAllAsync([Charge(match, hits)], false, cancellationToken).ConfigureAwait(false))[0];
                shadowOutcomes.Add(new RuleOutcome(match.Rule, match.CounterKey, decision));
            }
        }

        metrics.Record(enforcedOutcomes, shadowOutcomes, admitted);
        var byCounter = enforcedOutcomes.Concat(shadowOutcomes).ToDictionary(o => o.CounterKey);
        var delay = admitted ? enforcedDecisions.Select(d => d.Delay).DefaultIfEmpty().Max() : TimeSpan.Zero;
        return new RateLimitVerdict(
            admitted,
            delay,
            [.. matches.Select(m => m is { } match && byCounter.TryGetValue(match.CounterKey, out var outcome) ? outcome : null)],
            enforcedOutcomes,
            shadowOutcomes);
    }

    private static RateLimitCharge Charge(RuleMatch match, long hits) =>
        new(match.Rule.Algorithm, match.Rule.Limit, match.CounterKey, checked(match.Rule.Cost * hits));
}
