using System.Text;

namespace Blueprint.RateLimiting.Rules;

/// <summary>
/// The rules of one domain, as descriptor trees in the style of Envoy's ratelimit service. A
/// descriptor (a list of key/value entries) is walked down the tree; when every entry matches, the
/// rule of the node it ends on applies. An exact value beats a prefix, a prefix beats any value.
/// </summary>
public sealed class RateLimitRuleSet(string domain, IReadOnlyList<DescriptorNode> roots, IReadOnlyList<RouteCost> costs)
{
    /// <summary>No rules: nothing is limited.</summary>
    public static RateLimitRuleSet Empty { get; } = new("blueprint", [], []);

    /// <summary>The domain callers name (several services can share one rate limiter).</summary>
    public string Domain { get; } = domain;

    /// <summary>The top nodes of the descriptor trees.</summary>
    public IReadOnlyList<DescriptorNode> Roots { get; } = roots;

    /// <summary>Routes that count as more than one request.</summary>
    public IReadOnlyList<RouteCost> Costs { get; } = costs;

    /// <summary>Every rule, in file order.</summary>
    public IEnumerable<RateLimitRule> Rules => Flatten(Roots).Select(n => n.Rule).OfType<RateLimitRule>();

    /// <summary>The rule a descriptor reaches, or null when it matches no limited node.</summary>
    public RuleMatch? Match(IReadOnlyList<DescriptorEntry> descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (descriptor.Count == 0)
        {
            return null;
        }

        var counter = new StringBuilder(Domain);
        var level = Roots;
        DescriptorNode? node = null;
        foreach (var entry in descriptor)
        {
            node = Best(level, entry.Key, entry.Value);
            if (node is null)
            {
                return null;
            }

            Append(counter, entry.Key, node.Value ?? entry.Value);
            level = node.Children;
        }

        return node!.Rule is { } rule ? new RuleMatch(rule, counter.ToString()) : null;
    }

    /// <summary>
    /// The descriptors a request yields: one for every limited node its attributes reach, so a
    /// request by alice of tenant acme meets the per-user, the per-tenant and the global limits.
    /// </summary>
    /// <param name="attribute">The request's value for a descriptor key, or null when it has none.</param>
    public List<IReadOnlyList<DescriptorEntry>> DescriptorsFor(Func<string, string?> attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        var found = new List<IReadOnlyList<DescriptorEntry>>();
        Walk(Roots, [], attribute, found);
        return found;
    }

    /// <summary>How many requests a call to <paramref name="path"/> counts as: the first matching route cost, else 1.</summary>
    public long HitsFor(string method, string path) =>
        Costs.FirstOrDefault(c => (c.Method is null || string.Equals(c.Method, method, StringComparison.OrdinalIgnoreCase))
            && (c.Path.EndsWith('*') ? path.StartsWith(c.Path.AsSpan(0, c.Path.Length - 1), StringComparison.Ordinal) : c.Path == path))?.Hits ?? 1;

    private static void Walk(IReadOnlyList<DescriptorNode> level, List<DescriptorEntry> path, Func<string, string?> attribute, List<IReadOnlyList<DescriptorEntry>> found)
    {
        foreach (var key in level.Select(n => n.Key).Distinct(StringComparer.Ordinal))
        {
            if (attribute(key) is not { } value || Best(level, key, value) is not { } node)
            {
                continue;
            }

            path.Add(new DescriptorEntry(key, value));
            if (node.Rule is not null)
            {
                found.Add([.. path]);
            }

            Walk(node.Children, path, attribute, found);
            path.RemoveAt(path.Count - 1);
        }
    }

    private static DescriptorNode? Best(IReadOnlyList<DescriptorNode> level, string key, string value)
    {
        DescriptorNode? best = null;
        foreach (var node in level)
        {
            if (node.Key == key && node.Matches(value) && (best is null || node.Specificity > best.Specificity))
            {
                best = node;
            }
        }

        return best;
    }

    private static void Append(StringBuilder counter, string key, string value) => counter.Append('|').Append(key).Append('=').Append(value);

    private static IEnumerable<DescriptorNode> Flatten(IEnumerable<DescriptorNode> nodes) =>
        nodes.SelectMany(n => Flatten(n.Children).Prepend(n));
}
