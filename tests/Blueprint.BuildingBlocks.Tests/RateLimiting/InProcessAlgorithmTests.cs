using Blueprint.BuildingBlocks.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace Blueprint.BuildingBlocks.Tests.RateLimiting;

/// <summary>
/// What only the in-process algorithms do (forgetting idle keys) and their argument checks; their
/// behaviour at the edges is the contract suite in Blueprint.RateLimiting.Tests, run in process and on Redis.
/// </summary>
public sealed class InProcessAlgorithmTests
{
    private static readonly RateLimit TenPerSecond = new(10, TimeSpan.FromSeconds(1));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public static TheoryData<string> AllAlgorithms => ["token-bucket", "leaking-bucket", "fixed-window", "sliding-log", "sliding-window"];

    private IRateLimitAlgorithm Create(string name) => name switch
    {
        "token-bucket" => new TokenBucket(TenPerSecond, _time),
        "leaking-bucket" => new LeakingBucket(TenPerSecond, _time),
        "fixed-window" => new FixedWindow(TenPerSecond, _time),
        "sliding-log" => new SlidingWindowLog(TenPerSecond, _time),
        _ => new SlidingWindowCounter(TenPerSecond, _time),
    };

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void Purge_ForgetsOnlyKeysBackAtAFullBudget(string name)
    {
        var algorithm = Create(name);
        algorithm.Acquire("old", canWait: true);
        _time.Advance(TimeSpan.FromSeconds(5));
        algorithm.Acquire("new", canWait: true);

        Assert.Equal(1, algorithm.Purge());
        Assert.True(algorithm.Acquire("new", cost: 9, canWait: true).Allowed);
        Assert.False(algorithm.Acquire("new", cost: 1, canWait: true).Allowed);
        Assert.True(algorithm.Acquire("old", cost: 10, canWait: true).Allowed);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(10, 0)]
    [InlineData(10, -1)]
    public void BadLimit_IsRefusedNamingIt(long limit, int seconds)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new TokenBucket(new RateLimit(limit, TimeSpan.FromSeconds(seconds))));
        Assert.Equal(limit < 1 ? "Limit" : "Window", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void CostNotPositive_IsRefusedNamingIt(string name) =>
        Assert.Equal("cost", Assert.ThrowsAny<ArgumentException>(() => Create(name).Acquire("k", 0)).ParamName);
}
