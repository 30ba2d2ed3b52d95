using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Blueprint.Testing;

namespace Blueprint.RateLimiting.Tests.Http;

/// <summary>
/// Blueprint.Host with a rules file: what clients see (headers, 429 with Retry-After and a reason),
/// the decision service, reloads and metrics — with the counters in process and in Redis.
/// </summary>
public abstract class RateLimitedHostContract : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly BlueprintFactory _factory;
    private readonly HttpClient _client;

    protected RateLimitedHostContract(Dictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // A domain of its own, so counters in a shared Redis never meet another test's.
        Domain = $"test-{Guid.NewGuid():N}";
        RulesFile = Path.Combine(_directory.Path, "rules.yaml");
        File.WriteAllText(RulesFile, Rules(idsPerHour: 3));
        settings["RateLimiting:Rules"] = RulesFile;
        _factory = new BlueprintFactory(settings);
        _client = _factory.CreateClient();
    }

    private string Domain { get; }

    private string RulesFile { get; }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _directory.Dispose();
        GC.SuppressFinalize(this);
    }

    private string Rules(int idsPerHour) => $$"""
        domain: {{Domain}}
        costs:
          - { path: /api/hashing/locate, hits: 4 }
        descriptors:
          - key: api_key
            rate_limit: { name: per-key, unit: hour, requests_per_unit: 1000, algorithm: sliding-log }
            descriptors:
              - key: path
                value: /api/ids
                rate_limit: { name: ids-per-key, unit: hour, requests_per_unit: {{idsPerHour}}, algorithm: fixed-window }
          - key: path
            value: /api/hashing/locate
            rate_limit: { name: locate, unit: hour, requests_per_unit: 10, algorithm: token-bucket }
          - key: any
            shadow_mode: true
            rate_limit: { name: everything-trial, unit: hour, requests_per_unit: 1 }
        """;

    private Task<HttpResponseMessage> GetAsync(string path, string apiKey = "alice")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", apiKey);
        return _client.SendAsync(request);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : throw new Xunit.Sdk.XunitException($"No {name} header on a {(int)response.StatusCode} response.");

    [Fact]
    public async Task AdmittedResponses_CarryTheLimitHeaders_ForTheBindingRule()
    {
        using var response = await GetAsync("/api/ids?count=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3", Header(response, "X-RateLimit-Limit"));
        Assert.Equal("2", Header(response, "X-RateLimit-Remaining"));
        Assert.InRange(long.Parse(Header(response, "X-RateLimit-Reset")), 1, 3600);
        Assert.Equal("\"per-key\";q=1000;w=3600, \"ids-per-key\";q=3;w=3600", Header(response, "RateLimit-Policy"));
        Assert.StartsWith("\"per-key\";r=999;t=", Header(response, "RateLimit"), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task OverTheLimit_Answers429_WithRetryAfterAndTheRuleThatRefused()
    {
        for (var i = 0; i < 3; i++)
        {
            (await GetAsync("/api/ids?count=1")).Dispose();
        }

        using var refused = await GetAsync("/api/ids?count=1");
        using var otherKey = await GetAsync("/api/ids?count=1", apiKey: "bob");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 3600);
        Assert.Equal("0", Header(refused, "X-RateLimit-Remaining"));
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ids-per-key", problem.GetProperty("rule").GetString());
        Assert.Contains("allows 3 per hour", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
    }

    [Fact]
    public async Task ARouteWithACost_SpendsItsHits()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await GetAsync("/api/hashing/locate?key=k");
            statuses.Add(response.StatusCode);
        }

        // 10 tokens, 4 a call: two calls pass, the third would need 12.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task HealthAndUnlimitedRoutes_AreNotLimited_AndCarryNoHeaders()
    {
        for (var i = 0; i < 5; i++)
        {
            using var health = await _client.GetAsync(new Uri("/health/live", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.False(health.Headers.Contains("X-RateLimit-Limit"));
        }

        // Only the shadow rule reaches this request without an API key: it passes with no headers.
        using var anonymous = await _client.GetAsync(new Uri("/api/ids?count=1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.False(anonymous.Headers.Contains("X-RateLimit-Limit"));
    }

    [Fact]
    public async Task Metrics_CountDecisionsPerRuleAlgorithmAndOutcome()
    {
        for (var i = 0; i < 4; i++)
        {
            (await GetAsync("/api/ids?count=1")).Dispose();
        }

        var metrics = await Poll.ValueAsync(async () =>
        {
            var text = await _client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            return text.Contains("outcome=\"throttled\",rule=\"ids-per-key\"", StringComparison.Ordinal) ? text : null;
        });

        Assert.Contains("blueprint_ratelimit_decisions_total{", metrics, StringComparison.Ordinal);
        // Exact counts are tested on the limiter; here other hosts of the test run may add to the same series.
        Assert.Contains("algorithm=\"fixed-window\",outcome=\"allowed\",rule=\"ids-per-key\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("algorithm=\"token-bucket\",outcome=\"shadow_throttled\",rule=\"everything-trial\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangedRules_ApplyWithoutARestart_AndABadEditKeepsThem()
    {
        await File.WriteAllTextAsync(RulesFile, Rules(idsPerHour: 50));
        await Poll.UntilAsync(async () =>
        {
            using var response = await GetAsync("/api/ids?count=1", apiKey: "carol");
            return Header(response, "X-RateLimit-Limit") == "50";
        });

        await File.WriteAllTextAsync(RulesFile, Rules(idsPerHour: 50).Replace("unit: hour", "unit: lunar-month", StringComparison.Ordinal));
        var text = await Poll.ValueAsync(async () =>
        {
            var body = await _client.GetStringAsync(new Uri("/api/ratelimit/rules", UriKind.Relative));
            return body.Contains("lunar-month", StringComparison.Ordinal) ? body : null;
        });
        var rules = JsonDocument.Parse(text).RootElement;

        Assert.Contains("lunar-month", rules.GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
        using var stillLimited = await GetAsync("/api/ids?count=1", apiKey: "carol");
        Assert.Equal("50", Header(stillLimited, "X-RateLimit-Limit"));
    }

    [Fact]
    public async Task TheDecisionService_DecidesDescriptors_ForCallersThatAreNotDotNet()
    {
        object Check(string key) => new
        {
            domain = Domain,
            descriptors = new object[]
            {
                new { entries = new[] { new { key = "api_key", value = key }, new { key = "path", value = "/api/ids" } } },
                new { entries = new[] { new { key = "country", value = "nl" } } },
            },
        };

        var answers = new List<JsonElement>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await _client.PostAsJsonAsync(new Uri("/api/ratelimit/check", UriKind.Relative), Check("dave"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add(await response.Content.ReadFromJsonAsync<JsonElement>());
        }

        Assert.Equal(["OK", "OK", "OK", "OVER_LIMIT"], answers.Select(a => a.GetProperty("overallCode").GetString()));
        var first = answers[0].GetProperty("statuses");
        Assert.Equal("ids-per-key", first[0].GetProperty("rule").GetString());
        Assert.Equal(2, first[0].GetProperty("remaining").GetInt64());
        Assert.Equal(JsonValueKind.Null, first[1].GetProperty("rule").ValueKind);
        Assert.InRange(answers[3].GetProperty("retryAfterSeconds").GetInt64(), 1, 3600);
    }

    [Theory]
    [InlineData("""{"descriptors": []}""", "descriptors")]
    [InlineData("""{"descriptors": [{"entries": [{"key": "user"}]}]}""", "descriptors[0].entries[0]")]
    [InlineData("""{"descriptors": [{"entries": [{"key": "user", "value": "a"}]}], "hits": 0}""", "hits")]
    [InlineData("""{"domain": "elsewhere", "descriptors": [{"entries": [{"key": "user", "value": "a"}]}]}""", "domain")]
    public async Task TheDecisionService_RefusesBadChecks_NamingTheField(string body, string field)
    {
        using var response = await _client.PostAsync(new Uri("/api/ratelimit/check", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
    }

    [Fact]
    public async Task TheDecisionService_RefusesMalformedJson_WithTheReason()
    {
        using var response = await _client.PostAsync(new Uri("/api/ratelimit/check", UriKind.Relative), new StringContent("{\"descriptors\": [", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class InProcessRateLimitedHostTests() : RateLimitedHostContract([]);

/// <summary>
/// The contract counts exactly, so Redis gets time to answer: under the whole suite on 2 cores, a new
/// host's first decision (connecting, loading the script) once took over the default 250 ms and was
/// answered as Redis being away (fail-open: the full limit remaining). Failing open is tested apart.
/// </summary>
public sealed class RedisRateLimitedHostTests() : RateLimitedHostContract(RealEngineSettings.Redis().With("RateLimiting:TimeoutMilliseconds", "10000"));
