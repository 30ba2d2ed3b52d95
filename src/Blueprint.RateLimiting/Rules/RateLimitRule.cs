using Blueprint.BuildingBlocks.RateLimiting;

namespace Blueprint.RateLimiting.Rules;

/// <summary>
/// A limit from the rules file, on one node of a descriptor tree: so many requests per unit, by an
/// algorithm, each request costing <see cref="Cost"/> units; in shadow mode it counts and reports
/// but never refuses (the seed's soft limit).
/// </summary>
/// <param name="Name">The rule's name in metrics and headers: given, or the path of keys to its node.</param>
/// <param name="Algorithm">One of <see cref="RateLimitAlgorithms.Names"/>.</param>
/// <param name="Limit">Requests per unit.</param>
/// <param name="Unit">second, minute, hour or day, as written.</param>
/// <param name="Cost">Units a request spends under this rule.</param>
/// <param name="Shadow">Count and report, never refuse.</param>
/// <param name="Queue">Throttled requests wait their turn instead of being refused (leaking bucket only).</param>
/// <param name="Line">Where the rule is written, for messages.</param>
public sealed record RateLimitRule(string Name, string Algorithm, RateLimit Limit, string Unit, long Cost, bool Shadow, bool Queue, int Line);
