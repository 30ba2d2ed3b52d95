using System.Threading.RateLimiting;
using Blueprint.BuildingBlocks.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace Blueprint.BuildingBlocks.Tests.RateLimiting;

/// <summary>The algorithms through System.Threading.RateLimiting, as ASP.NET Core's middleware would call them.</summary>
public sealed class RateLimiterAdapterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AttemptAcquire_PerPartition_WithRetryAfterOnRefusal()
    {
        using var limiter = new AlgorithmPartitionedRateLimiter<string>(new FixedWindow(new RateLimit(2, TimeSpan.FromMinutes(1)), _time), user => user, _time);

        Assert.True(limiter.AttemptAcquire("alice").IsAcquired);
        Assert.True(limiter.AttemptAcquire("alice").IsAcquired);
        using var refused = limiter.AttemptAcquire("alice");
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(1), retryAfter);
        Assert.True(limiter.AttemptAcquire("bob").IsAcquired);
        Assert.Equal(3, limiter.GetStatistics("alice")!.TotalSuccessfulLeases);
        Assert.Equal(1, limiter.GetStatistics("alice")!.TotalFailedLeases);
    }

    [Fact]
    public async Task AcquireAsync_OnTheLeakingBucket_WaitsItsTurn()
    {
        using var limiter = new AlgorithmPartitionedRateLimiter<string>(new LeakingBucket(new RateLimit(2, TimeSpan.FromSeconds(1)), _time), _ => "one", _time);
        using var first = await limiter.AcquireAsync("x");
        var second = limiter.AcquireAsync("x").AsTask();

        Assert.True(first.IsAcquired);
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        using var lease = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public void ZeroPermits_ProbeWithoutSpending()
    {
        using var limiter = new AlgorithmPartitionedRateLimiter<string>(new TokenBucket(new RateLimit(1, TimeSpan.FromSeconds(1)), _time), k => k, _time);
        Assert.True(limiter.AttemptAcquire("k", 0).IsAcquired);
        Assert.True(limiter.AttemptAcquire("k").IsAcquired);
        Assert.False(limiter.AttemptAcquire("k").IsAcquired);
    }

    [Fact]
    public void ARateLimiter_OverOneBudget_AdmitsItsLimitThenRefusesWithRetryAfter()
    {
        using RateLimiter limiter = new AlgorithmRateLimiter(new SlidingWindowLog(new RateLimit(3, TimeSpan.FromSeconds(10)), _time), time: _time);

        Assert.Equal([true, true, true, false], Enumerable.Range(0, 4).Select(_ => limiter.AttemptAcquire().IsAcquired));
        using var refused = limiter.AttemptAcquire();
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(10), retryAfter);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.Equal(4, limiter.GetStatistics()!.TotalSuccessfulLeases);
        Assert.Equal(2, limiter.GetStatistics()!.TotalFailedLeases);
    }

    [Fact]
    public async Task ARateLimiter_OnTheLeakingBucket_QueuesAndWaits()
    {
        using RateLimiter limiter = new AlgorithmRateLimiter(new LeakingBucket(new RateLimit(2, TimeSpan.FromSeconds(1)), _time), time: _time);
        using var first = await limiter.AcquireAsync();
        var second = limiter.AcquireAsync().AsTask();

        Assert.True(first.IsAcquired);
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True((await second.WaitAsync(TimeSpan.FromSeconds(5))).IsAcquired);
        Assert.False((await limiter.AcquireAsync(2)).IsAcquired);
    }
}
