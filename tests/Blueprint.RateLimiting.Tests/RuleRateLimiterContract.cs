using Blueprint.BuildingBlocks.RateLimiting;
using Blueprint.RateLimiting.Rules;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Blueprint.RateLimiting.Tests;

/// <summary>The rules engine over both stores: several rules per request, shadow mode, queueing, metrics.</summary>
public abstract class RuleRateLimiterContract : IDisposable
{
    private const string Rules = """
        domain: shop
        algorithm: fixed-window
        descriptors:
          - key: user
            rate_limit: { name: per-user, unit: hour, requests_per_unit: 10 }
          - key: path
            value: /export
            rate_limit: { name: export, unit: hour, requests_per_unit: 2 }
          - key: any
            shadow_mode: true
            rate_limit: { name: global-trial, unit: hour, requests_per_unit: 3 }
          - key: path
            value: /slow
            rate_limit: { name: slow-queue, unit: second, requests_per_unit: 2, algorithm: leaking-bucket, queue: true }
        """;

    private readonly TemporaryDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly RateLimitRuleSource _source;
    private readonly TestMeterFactory _meters = new();

    protected RuleRateLimiterContract()
    {
        var file = Path.Combine(_directory.Path, "rules.yaml");
        File.WriteAllText(file, Rules);
        _source = new RateLimitRuleSource(file, NullLogger<RateLimitRuleSource>.Instance, watch: false);
    }

    protected abstract IRateLimitStore Store(TimeProvider time);

    public void Dispose()
    {
        _source.Dispose();
        _meters.Dispose();
        _directory.Dispose();
        GC.SuppressFinalize(this);
    }

    private RuleRateLimiter Limiter() => new(_source, Store(_time), new RateLimitMetrics(_meters));

    private static List<IReadOnlyList<DescriptorEntry>> Request(string user, string path) =>
        [[new("user", user)], [new("path", path)], [new("any", "*")]];

    [Fact]
    public async Task ARequestPassesOnlyIfEveryRuleAdmitsIt_AndARefusalSpendsNothingElsewhere()
    {
        var limiter = Limiter();
        using var decisions = new MetricCollector<long>(_meters, RateLimitMetrics.MeterName, "blueprint.ratelimit.decisions");

        var verdicts = new List<RateLimitVerdict>();
        for (var i = 0; i < 3; i++)
        {
            verdicts.Add(await limiter.CheckAsync(Request("alice", "/export")));
        }

        Assert.Equal([true, true, false], verdicts.Select(v => v.Allowed));
        Assert.Equal("export", verdicts[2].Binding!.Rule.Name);
        // Alice's own budget shows 8 left: the refused third request took nothing from it.
        var user = verdicts[2].PerDescriptor[0]!;
        Assert.Equal("per-user", user.Rule.Name);
        Assert.True(user.Decision.Allowed);
        Assert.Equal(8, user.Decision.Remaining);

        var other = await limiter.CheckAsync(Request("alice", "/browse"));
        Assert.True(other.Allowed);
        Assert.Equal(7, other.PerDescriptor[0]!.Decision.Remaining);

        var measured = decisions.GetMeasurementSnapshot();
        Assert.Equal(1, measured.Count(m => Tag(m, "rule") == "export" && Tag(m, "outcome") == "throttled"));
        Assert.Equal(2, measured.Count(m => Tag(m, "rule") == "export" && Tag(m, "outcome") == "allowed"));
        Assert.Equal(3, measured.Count(m => Tag(m, "rule") == "per-user" && Tag(m, "outcome") == "allowed"));
        Assert.All(measured, m => Assert.Equal("fixed-window", Tag(m, "algorithm")));
    }

    [Fact]
    public async Task AShadowRule_CountsAndReports_ButNeverRefuses()
    {
        var limiter = Limiter();
        using var decisions = new MetricCollector<long>(_meters, RateLimitMetrics.MeterName, "blueprint.ratelimit.decisions");

        var verdicts = new List<RateLimitVerdict>();
        for (var i = 0; i < 5; i++)
        {
            verdicts.Add(await limiter.CheckAsync(Request($"user{i}", "/browse")));
        }

        Assert.All(verdicts, v => Assert.True(v.Allowed));
        Assert.Equal([true, true, true, false, false], verdicts.Select(v => v.Shadow.Single().Decision.Allowed));
        Assert.DoesNotContain(verdicts, v => v.Enforced.Any(o => o.Rule.Shadow));
        var shadow = decisions.GetMeasurementSnapshot().Where(m => Tag(m, "rule") == "global-trial").ToList();
        Assert.Equal(2, shadow.Count(m => Tag(m, "outcome") == "shadow_throttled"));
        Assert.Equal(3, shadow.Count(m => Tag(m, "outcome") == "allowed"));
    }

    [Fact]
    public async Task AQueueRule_DelaysInsteadOfRefusing_UpToItsQueue()
    {
        var limiter = Limiter();
        var verdicts = new List<RateLimitVerdict>();
        for (var i = 0; i < 3; i++)
        {
            verdicts.Add(await limiter.CheckAsync([[new("path", "/slow")]]));
        }

        Assert.Equal([true, true, false], verdicts.Select(v => v.Allowed));
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMilliseconds(500)], verdicts.Take(2).Select(v => v.Delay));
    }

    [Fact]
    public async Task HitsMultiplyTheCost_AndDescriptorsWithoutARuleAreUnlimited()
    {
        var limiter = Limiter();

        var heavy = await limiter.CheckAsync([[new("user", "bob")], [new("country", "nl")]], hits: 10);
        var more = await limiter.CheckAsync([[new("user", "bob")]]);

        Assert.True(heavy.Allowed);
        Assert.Null(heavy.PerDescriptor[1]);
        Assert.False(more.Allowed);
        Assert.True((await limiter.CheckAsync([[new("country", "nl")]])).Allowed);
    }

    private static string? Tag(CollectedMeasurement<long> measurement, string name) => measurement.Tags[name]?.ToString();
}

public sealed class InProcessRuleRateLimiterTests : RuleRateLimiterContract
{
    protected override IRateLimitStore Store(TimeProvider time) => new InProcessRateLimitStore(time);
}

public sealed class RedisRuleRateLimiterTests(RedisFixture redis) : RuleRateLimiterContract, IClassFixture<RedisFixture>
{
    protected override IRateLimitStore Store(TimeProvider time) =>
        new Redis.RedisRateLimitStore(redis.Connection.GetDatabase(), time, prefix: $"test:{Guid.NewGuid():N}:");
}
