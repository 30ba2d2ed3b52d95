using Blueprint.BuildingBlocks.RateLimiting;

namespace Blueprint.RateLimiting.Rules;

/// <summary>One entry of a descriptor: what a request is (user = alice, path = /api/urls).</summary>
public readonly record struct DescriptorEntry(string Key, string Value);

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

/// <summary>A node of a descriptor tree: a key, optionally one value of it, its rule and its children.</summary>
/// <param name="Key">The descriptor key it matches (user, tenant, path...).</param>
/// <param name="Value">The value it matches; null matches any value, each value counted apart; a value ending in * matches by prefix.</param>
/// <param name="Rule">The limit on requests that reach this node, if any.</param>
/// <param name="Children">Nodes for the next descriptor entry.</param>
public sealed record DescriptorNode(string Key, string? Value, RateLimitRule? Rule, IReadOnlyList<DescriptorNode> Children)
{
    /// <summary>True when the node matches <paramref name="value"/> at all.</summary>
    public bool Matches(string value) =>
        Value is null || (Value.EndsWith('*') ? value.StartsWith(Value.AsSpan(0, Value.Length - 1), StringComparison.Ordinal) : Value == value);

    /// <summary>How specific a match is: an exact value beats a longer prefix beats a shorter one beats any value.</summary>
    public int Specificity => Value is null ? 0 : Value.EndsWith('*') ? Value.Length : int.MaxValue;
}
