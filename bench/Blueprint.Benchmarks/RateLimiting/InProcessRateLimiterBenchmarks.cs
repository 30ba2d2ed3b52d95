using System.Threading.RateLimiting;
using BenchmarkDotNet.Attributes;
using Blueprint.BuildingBlocks.RateLimiting;

namespace Blueprint.Benchmarks.RateLimiting;

/// <summary>
/// One admitted decision per operation, one thread: our token bucket and fixed window against
/// System.Threading.RateLimiting's, directly and partitioned by key. Limits are high enough that
/// every request is admitted, so the figures are the cost of a decision, not of a refusal.
/// </summary>
[MemoryDiagnoser]
public class InProcessRateLimiterBenchmarks
{
    private const int Limit = int.MaxValue;
    private static readonly string[] Keys = [.. Enumerable.Range(0, 1024).Select(i => $"user-{i}")];
    private int _next;

    private readonly TokenBucketRateLimiter _frameworkTokenBucket = new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = Limit, TokensPerPeriod = Limit, ReplenishmentPeriod = TimeSpan.FromSeconds(1), AutoReplenishment = true, QueueLimit = 0,
    });

    private readonly FixedWindowRateLimiter _frameworkFixedWindow = new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = Limit, Window = TimeSpan.FromHours(1), AutoReplenishment = true, QueueLimit = 0,
    });

    private readonly PartitionedRateLimiter<string> _frameworkPartitioned = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Limit, TokensPerPeriod = Limit, ReplenishmentPeriod = TimeSpan.FromSeconds(1), AutoReplenishment = true, QueueLimit = 0,
        }));

    private readonly TokenBucket _tokenBucket = new(new RateLimit(Limit, TimeSpan.FromSeconds(1)));
    private readonly FixedWindow _fixedWindow = new(new RateLimit(Limit, TimeSpan.FromHours(1)));
    private readonly RateLimiter _ourTokenBucketLimiter = new AlgorithmRateLimiter(new TokenBucket(new RateLimit(Limit, TimeSpan.FromSeconds(1))));
    private readonly RateLimiter _ourFixedWindowLimiter = new AlgorithmRateLimiter(new FixedWindow(new RateLimit(Limit, TimeSpan.FromHours(1))));
    private readonly SlidingWindowCounter _slidingWindow = new(new RateLimit(Limit, TimeSpan.FromHours(1)));
    private readonly AlgorithmPartitionedRateLimiter<string> _ourPartitioned = new(new TokenBucket(new RateLimit(Limit, TimeSpan.FromSeconds(1))), key => key);

    private string NextKey() => Keys[_next++ & 1023];

    [Benchmark(Baseline = true, Description = "framework TokenBucketRateLimiter")]
    public bool FrameworkTokenBucket()
    {
        using var lease = _frameworkTokenBucket.AttemptAcquire();
        return lease.IsAcquired;
    }

    [Benchmark(Description = "Blueprint token bucket as a RateLimiter")]
    public bool OurTokenBucketLimiter()
    {
        using var lease = _ourTokenBucketLimiter.AttemptAcquire();
        return lease.IsAcquired;
    }

    [Benchmark(Description = "Blueprint TokenBucket, one key")]
    public bool TokenBucket() => _tokenBucket.Acquire("k").Allowed;

    [Benchmark(Description = "framework FixedWindowRateLimiter")]
    public bool FrameworkFixedWindow()
    {
        using var lease = _frameworkFixedWindow.AttemptAcquire();
        return lease.IsAcquired;
    }

    [Benchmark(Description = "Blueprint fixed window as a RateLimiter")]
    public bool OurFixedWindowLimiter()
    {
        using var lease = _ourFixedWindowLimiter.AttemptAcquire();
        return lease.IsAcquired;
    }

    [Benchmark(Description = "Blueprint FixedWindow, one key")]
    public bool FixedWindow() => _fixedWindow.Acquire("k").Allowed;

    [Benchmark(Description = "Blueprint SlidingWindowCounter, one key")]
    public bool SlidingWindow() => _slidingWindow.Acquire("k").Allowed;

    [Benchmark(Description = "framework PartitionedRateLimiter (token bucket), 1,024 keys")]
    public bool FrameworkPartitioned()
    {
        using var lease = _frameworkPartitioned.AttemptAcquire(NextKey());
        return lease.IsAcquired;
    }

    [Benchmark(Description = "Blueprint partitioned (token bucket), 1,024 keys")]
    public bool OurPartitioned()
    {
        using var lease = _ourPartitioned.AttemptAcquire(NextKey());
        return lease.IsAcquired;
    }
}
