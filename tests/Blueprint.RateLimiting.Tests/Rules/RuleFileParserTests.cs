using Blueprint.RateLimiting.Rules;

namespace Blueprint.RateLimiting.Tests.Rules;

public sealed class RuleFileParserTests
{
    private const string Rules = """
        domain: shop
        algorithm: sliding-window
        costs:
          - { path: /api/export, hits: 10 }
          - { path: /api/search*, method: GET, hits: 2 }
        descriptors:
          - key: user
            rate_limit: { unit: minute, requests_per_unit: 100 }
          - key: tenant
            rate_limit: { name: per-tenant, unit: hour, requests_per_unit: 5000, algorithm: token-bucket }
            descriptors:
              - key: user
                rate_limit: { unit: second, requests_per_unit: 5, cost: 2 }
          - key: path
            value: /api/export
            rate_limit: { unit: day, requests_per_unit: 3, algorithm: fixed-window }
          - key: path
            value: /api/*
            shadow_mode: true
            rate_limit: { unit: second, requests_per_unit: 50 }
          - key: path
            rate_limit: { unit: second, requests_per_unit: 1000, algorithm: leaking-bucket, queue: true }
        """;

    private static readonly RateLimitRuleSet Set = RuleFileParser.Parse(Rules, "rules.yaml");

    [Fact]
    public void ReadsEveryRule_WithDefaultsAndNames()
    {
        var rules = Set.Rules.ToList();

        Assert.Equal("shop", Set.Domain);
        Assert.Equal(["user", "per-tenant", "tenant.user", "path=/api/export", "path=/api/*", "path"], rules.Select(r => r.Name));
        Assert.Equal("sliding-window", rules[0].Algorithm);
        Assert.Equal(TimeSpan.FromMinutes(1), rules[0].Limit.Window);
        Assert.Equal(100, rules[0].Limit.Limit);
        Assert.Equal("token-bucket", rules[1].Algorithm);
        Assert.Equal(2, rules[2].Cost);
        Assert.Equal(TimeSpan.FromDays(1), rules[3].Limit.Window);
        Assert.True(rules[4].Shadow);
        Assert.True(rules[5].Queue);
        Assert.Equal(8, rules[0].Line);
    }

    [Fact]
    public void JsonIsReadToo()
    {
        var set = RuleFileParser.Parse("""{"domain": "api", "descriptors": [{"key": "api_key", "rate_limit": {"unit": "second", "requests_per_unit": 5}}]}""", "rules.json");

        var rule = Assert.Single(set.Rules);
        Assert.Equal("token-bucket", rule.Algorithm);
        Assert.Equal(5, rule.Limit.Limit);
    }

    [Fact]
    public void ADescriptorReachesTheRuleOfTheNodeItEndsOn_AndCountsPerValue()
    {
        var alice = Set.Match([new("tenant", "acme"), new("user", "alice")]);
        var tenant = Set.Match([new("tenant", "acme")]);

        Assert.Equal("tenant.user", alice!.Value.Rule.Name);
        Assert.Equal("shop|tenant=acme|user=alice", alice.Value.CounterKey);
        Assert.Equal("per-tenant", tenant!.Value.Rule.Name);
        Assert.Null(Set.Match([new("tenant", "acme"), new("country", "nl")]));
        Assert.Null(Set.Match([new("region", "eu")]));
        Assert.Null(Set.Match([]));
    }

    [Fact]
    public void AnExactValueBeatsAPrefix_AndAPrefixBeatsAnyValue_AndAPrefixSharesOneCounter()
    {
        Assert.Equal("path=/api/export", Set.Match([new("path", "/api/export")])!.Value.Rule.Name);
        var search = Set.Match([new("path", "/api/search")])!.Value;
        var orders = Set.Match([new("path", "/api/orders")])!.Value;
        Assert.Equal("path=/api/*", search.Rule.Name);
        Assert.Equal(search.CounterKey, orders.CounterKey);
        Assert.Equal("shop|path=/healthz", Set.Match([new("path", "/healthz")])!.Value.CounterKey);
    }

    [Fact]
    public void ARequestMeetsEveryLimitedNodeItsAttributesReach()
    {
        var attributes = new Dictionary<string, string> { ["user"] = "alice", ["tenant"] = "acme", ["path"] = "/api/export" };

        var descriptors = Set.DescriptorsFor(key => attributes.GetValueOrDefault(key));

        Assert.Equal(
            ["user=alice", "tenant=acme", "tenant=acme,user=alice", "path=/api/export"],
            descriptors.Select(d => string.Join(',', d.Select(e => $"{e.Key}={e.Value}"))));
        Assert.Empty(Set.DescriptorsFor(_ => null));
    }

    [Fact]
    public void RouteCosts_MatchByMethodAndPath_FirstMatchWins()
    {
        Assert.Equal(10, Set.HitsFor("POST", "/api/export"));
        Assert.Equal(2, Set.HitsFor("get", "/api/search/books"));
        Assert.Equal(1, Set.HitsFor("POST", "/api/search/books"));
        Assert.Equal(1, Set.HitsFor("GET", "/"));
    }

    [Theory]
    [InlineData("domain: x\ndescriptors:\n  - key: user\n    rate_limit: { unit: minute, requests_per_unit: 5, algorithm: random-drop }", "rules.yaml:4:", "unknown algorithm 'random-drop'")]
    [InlineData("domain: x\ndescriptors:\n  - key: user\n    rate_limit: { unit: fortnight, requests_per_unit: 5 }", "rules.yaml:4:", "unknown unit 'fortnight'")]
    [InlineData("domain: x\ndescriptors:\n  - key: user\n    rate_limit: { unit: minute, requests_per_unit: 0 }", "rules.yaml:4:", "'requests_per_unit' must be a whole number of at least 1")]
    [InlineData("domain: x\ndescriptors:\n  - key: user\n    rate_limit: { unit: minute, requests_per_unit: 5 }\n    shadowmode: true", "rules.yaml:5:", "unknown field 'shadowmode'")]
    [InlineData("domain: x\ndescriptors:\n  - key: user\n    rate_limit: { unit: minute, requests_per_unit: 5, queue: true }", "rules.yaml:4:", "queue: true needs the leaking-bucket algorithm")]
    [InlineData("domain: x\ndescriptors:\n  - key: user\n    rate_limit: { unit: minute, requests_per_unit: 5, cost: 6 }", "rules.yaml:4:", "exceeds requests_per_unit")]
    [InlineData("domain: x\ndescriptors:\n  - key: user\n  - key: user\n    rate_limit: { unit: minute, requests_per_unit: 5 }", "rules.yaml:3:", "neither a rate_limit nor descriptors")]
    [InlineData("domain: x\ndescriptors:\n  - key: user\n    rate_limit: { unit: minute, requests_per_unit: 5 }\n  - key: user\n    rate_limit: { unit: hour, requests_per_unit: 5 }", "rules.yaml:5:", "appears twice at this level")]
    [InlineData("descriptors:\n  - key: user\n    rate_limit: { unit: minute, requests_per_unit: 5 }", "rules.yaml:1:", "'domain' is required")]
    [InlineData("domain: x\ndescriptors:\n  - key: user name\n    rate_limit: { unit: minute, requests_per_unit: 5 }", "rules.yaml:3:", "may hold only letters")]
    [InlineData("domain: x\ndescriptors: [\n  - key", "rules.yaml:", "not valid YAML or JSON")]
    [InlineData("", "rules.yaml:1:1", "must be a mapping")]
    [InlineData("domain: x", "rules.yaml:1:", "no descriptors")]
    public void ABadFile_IsRefused_NamingTheLineAndTheProblem(string text, string where, string what)
    {
        var error = Assert.Throws<RuleFileException>(() => RuleFileParser.Parse(text, "rules.yaml"));

        Assert.Contains(error.Problems, p => p.StartsWith(where, StringComparison.Ordinal) && p.Contains(what, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryProblemIsReported_NotOnlyTheFirst()
    {
        var error = Assert.Throws<RuleFileException>(() => RuleFileParser.Parse(
            "domain: x\ndescriptors:\n  - key: a\n    rate_limit: { unit: week, requests_per_unit: 5 }\n  - key: b\n    rate_limit: { unit: minute, requests_per_unit: -1 }",
            "rules.yaml"));

        Assert.Equal(2, error.Problems.Count);
    }
}
