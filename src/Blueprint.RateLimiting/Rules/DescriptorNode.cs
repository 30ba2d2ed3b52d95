namespace Blueprint.RateLimiting.Rules;

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
