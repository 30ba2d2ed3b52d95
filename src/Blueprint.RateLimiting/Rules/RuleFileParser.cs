using System.Globalization;
using System.Text.RegularExpressions;
using Blueprint.BuildingBlocks.RateLimiting;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Blueprint.RateLimiting.Rules;

/// <summary>
/// Reads a rules file (YAML, or JSON, which YAML reads too) in the style of Envoy's ratelimit
/// service into a <see cref="RateLimitRuleSet"/>. It reports every problem with its line, never a
/// half-read set: a file is used whole or not at all.
/// </summary>
public static partial class RuleFileParser
{
    private static readonly Dictionary<string, TimeSpan> Units = new(StringComparer.Ordinal)
    {
        ["second"] = TimeSpan.FromSeconds(1),
        ["minute"] = TimeSpan.FromMinutes(1),
        ["hour"] = TimeSpan.FromHours(1),
        ["day"] = TimeSpan.FromDays(1),
    };

    /// <summary>Parses <paramref name="text"/>; <paramref name="source"/> names the file in messages.</summary>
    /// <exception cref="RuleFileException">The file is not valid; every problem is listed with its line.</exception>
    public static RateLimitRuleSet Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new Reader(source);
        YamlStream stream = [];
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException error)
        {
            throw new RuleFileException($"{source}:{error.Start.Line}:{error.Start.Column}: not valid YAML or JSON: {error.Message}", error);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new RuleFileException($"{source}:1:1: the file must be a mapping with domain and descriptors.");
        }

        var set = reader.RuleSet(root);
        return reader.Problems.Count > 0 ? throw new RuleFileException(reader.Problems) : set;
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex DescriptorKey();

    private sealed class Reader(string source)
    {
        private string _defaultAlgorithm = "token-bucket";

        public List<string> Problems { get; } = [];

        public RateLimitRuleSet RuleSet(YamlMappingNode root)
        {
            var fields = Fields(root, "domain", "algorithm", "descriptors", "costs");
            var domain = Text(root, fields, "domain", required: true) ?? "blueprint";
            if (Text(root, fields, "algorithm", required: false) is { } algorithm && KnownAlgorithm(fields["algorithm"], algorithm))
            {
                _defaultAlgorithm = algorithm;
            }

            var descriptors = fields.TryGetValue("descriptors", out var list) ? Nodes(list, []) : [];
            if (descriptors.Count == 0)
            {
                Problem(root, "no descriptors: a rules file limits something.");
            }

            var costs = fields.TryGetValue("costs", out var costList) ? Costs(costList) : [];
            return new RateLimitRuleSet(domain, descriptors, costs);
        }

        private List<DescriptorNode> Nodes(YamlNode list, List<string> path)
        {
            var nodes = new List<DescriptorNode>();
            if (list is not YamlSequenceNode sequence)
            {
                Problem(list, "descriptors must be a list.");
                return nodes;
            }

            foreach (var item in sequence)
            {
                if (item is not YamlMappingNode mapping)
                {
                    Problem(item, "a descriptor must be a mapping with a key.");
                    continue;
                }

                var fields = Fields(mapping, "key", "value", "rate_limit", "shadow_mode", "descriptors");
                var key = Text(mapping, fields, "key", required: true);
                if (key is null)
                {
                    continue;
                }

                if (!DescriptorKey().IsMatch(key))
                {
                    Problem(fields["key"], $"the key '{key}' may hold only letters, digits, '_', '.' and '-' (at most 64).");
                }

                var value = Text(mapping, fields, "value", required: false);
                if (nodes.Any(n => n.Key == key && n.Value == value))
                {
                    Problem(mapping, $"the descriptor {key}{(value is null ? string.Empty : "=" + value)} appears twice at this level.");
                }

                path.Add(value is null ? key : $"{key}={value}");
                var shadow = fields.TryGetValue("shadow_mode", out var shadowNode) && Boolean(shadowNode);
                var rule = fields.TryGetValue("rate_limit", out var limit) ? Rule(limit, string.Join('.', path), shadow) : null;
                if (shadow && rule is null)
                {
                    Problem(shadowNode!, "shadow_mode needs a rate_limit on the same descriptor.");
                }

                var children = fields.TryGetValue("descriptors", out var childList) ? Nodes(childList, path) : [];
                if (limit is null && children.Count == 0)
                {
                    Problem(mapping, $"the descriptor {string.Join('.', path)} has neither a rate_limit nor descriptors under it.");
                }

                path.RemoveAt(path.Count - 1);
                nodes.Add(new DescriptorNode(key, value, rule, children));
            }

            return nodes;
        }

        private RateLimitRule? Rule(YamlNode node, string path, bool shadow)
        {
            if (node is not YamlMappingNode mapping)
            {
                Problem(node, "rate_limit must be a mapping with unit and requests_per_unit.");
                return null;
            }

            var fields = Fields(mapping, "unit", "requests_per_unit", "algorithm", "cost", "queue", "name");
            var unit = Text(mapping, fields, "unit", required: true);
            var window = TimeSpan.Zero;
            if (unit is not null && !Units.TryGetValue(unit, out window))
            {
                Problem(fields["unit"], $"unknown unit '{unit}'; units: {string.Join(", ", Units.Keys)}.");
            }

            var requests = Number(mapping, fields, "requests_per_unit", required: true, fallback: 1);
            var cost = Number(mapping, fields, "cost", required: false, fallback: 1);
            var algorithm = Text(mapping, fields, "algorithm", required: false) ?? _defaultAlgorithm;
            var known = !fields.ContainsKey("algorithm") || KnownAlgorithm(fields["algorithm"], algorithm);
            var queue = fields.TryGetValue("queue", out var queueNode) && Boolean(queueNode);
            if (queue && algorithm != "leaking-bucket")
            {
                Problem(queueNode!, $"queue: true needs the leaking-bucket algorithm (this rule uses {algorithm}).");
            }

            if (cost > requests)
            {
                Problem(fields["cost"], $"a cost of {cost} exceeds requests_per_unit ({requests}): no request could ever pass.");
            }

            var name = Text(mapping, fields, "name", required: false) ?? path;
            return unit is null || window == TimeSpan.Zero || !known
                ? null
                : new RateLimitRule(name, algorithm, new RateLimit(requests, window), unit, cost, shadow, queue, (int)mapping.Start.Line);
        }

        private List<RouteCost> Costs(YamlNode node)
        {
            var costs = new List<RouteCost>();
            if (node is not YamlSequenceNode sequence)
            {
                Problem(node, "costs must be a list of path, method and hits.");
                return costs;
            }

            foreach (var item in sequence.OfType<YamlMappingNode>())
            {
                var fields = Fields(item, "path", "method", "hits");
                var path = Text(item, fields, "path", required: true);
                var hits = Number(item, fields, "hits", required: true, fallback: 1);
                if (path is not null)
                {
                    costs.Add(new RouteCost(Text(item, fields, "method", required: false), path, hits));
                }
            }

            return costs;
        }

        private Dictionary<string, YamlNode> Fields(YamlMappingNode mapping, params string[] allowed)
        {
            var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                var name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
                if (!allowed.Contains(name))
                {
                    Problem(keyNode, $"unknown field '{name}'; expected one of: {string.Join(", ", allowed)}.");
                }
                else if (!fields.TryAdd(name, valueNode))
                {
                    Problem(keyNode, $"the field '{name}' appears twice.");
                }
            }

            return fields;
        }

        private string? Text(YamlMappingNode owner, Dictionary<string, YamlNode> fields, string name, bool required)
        {
            if (!fields.TryGetValue(name, out var node))
            {
                if (required)
                {
                    Problem(owner, $"'{name}' is required here.");
                }

                return null;
            }

            if (node is YamlScalarNode { Value: { Length: > 0 } value })
            {
                return value;
            }

            Problem(node, $"'{name}' must be a non-empty text.");
            return null;
        }

        private long Number(YamlMappingNode owner, Dictionary<string, YamlNode> fields, string name, bool required, long fallback)
        {
            var text = Text(owner, fields, name, required);
            if (text is null)
            {
                return fallback;
            }

            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1)
            {
                return value;
            }

            Problem(fields[name], $"'{name}' must be a whole number of at least 1, not '{text}'.");
            return fallback;
        }

        private bool Boolean(YamlNode node)
        {
            if (node is YamlScalarNode { Value: "true" or "false" } scalar)
            {
                return scalar.Value == "true";
            }

            Problem(node, "expected true or false.");
            return false;
        }

        private bool KnownAlgorithm(YamlNode node, string algorithm)
        {
            if (RateLimitAlgorithms.IsKnown(algorithm))
            {
                return true;
            }

            Problem(node, $"unknown algorithm '{algorithm}'; algorithms: {string.Join(", ", RateLimitAlgorithms.Names)}.");
            return false;
        }

        private void Problem(YamlNode node, string message) => Problems.Add($"{source}:{node.Start.Line}:{node.Start.Column}: {message}");
    }
}
