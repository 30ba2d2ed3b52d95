using Blueprint.BuildingBlocks.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace Blueprint.RateLimiting.Tests;

/// <summary>
/// Each of seed 003 §4's algorithms at its edges, on a fake clock that starts on a second boundary.
/// One suite, run against every implementation: in process and on Redis (a Lua script per decision).
/// </summary>
public abstract class AlgorithmContract
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly RateLimit TenPerSecond = new(10, TimeSpan.FromSeconds(1));
    private readonly FakeTimeProvider _time = new(Start);

    /// <summary>A fresh algorithm whose keys no other test shares.</summary>
    protected abstract IAsyncRateLimitAlgorithm Create(string name, RateLimit limit, TimeProvider time);

    private static async Task<int> Admitted(IAsyncRateLimitAlgorithm algorithm, int requests, string key = "k")
    {
        var admitted = 0;
        for (var i = 0; i < requests; i++)
        {
            if ((await algorithm.AcquireAsync(key)).Allowed)
            {
                admitted++;
            }
        }

        return admitted;
    }

    [Fact]
    public async Task TokenBucket_BurstsToItsSizeThenRefillsAtItsRate()
    {
        var bucket = Create("token-bucket", TenPerSecond, _time);
        Assert.Equal(10, await Admitted(bucket, 15));

        var refused = await bucket.AcquireAsync("k");
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromMilliseconds(100), refused.RetryAfter);

        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, await Admitted(bucket, 5));
        _time.Advance(TimeSpan.FromMilliseconds(350));
        Assert.Equal(3, await Admitted(bucket, 5));

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(10, await Admitted(bucket, 50)); // never more than the bucket holds
    }

    [Fact]
    public async Task TokenBucket_ReportsRemainingAndWhenItIsFullAgain()
    {
        var bucket = Create("token-bucket", TenPerSecond, _time);
        await bucket.AcquireAsync("k", cost: 4);
        var decision = await bucket.AcquireAsync("k");

        Assert.True(decision.Allowed);
        Assert.Equal(10, decision.Limit);
        Assert.Equal(5, decision.Remaining);
        Assert.Equal(TimeSpan.FromMilliseconds(500), decision.ResetAfter);
    }

    [Fact]
    public async Task LeakingBucket_QueuesUpToItsSize_EachWaitingItsTurnAtTheDrainRate()
    {
        var bucket = Create("leaking-bucket", new RateLimit(5, TimeSpan.FromSeconds(1)), _time);
        var delays = new List<RateLimitDecision>();
        for (var i = 0; i < 5; i++)
        {
            delays.Add(await bucket.AcquireAsync("k", canWait: true));
        }


        Assert.All(delays, d => Assert.True(d.Allowed));
        Assert.Equal([0, 200, 400, 600, 800], delays.Select(d => (int)d.Delay.TotalMilliseconds));
        var full = await bucket.AcquireAsync("k", canWait: true);
        Assert.False(full.Allowed);
        Assert.Equal(TimeSpan.FromMilliseconds(200), full.RetryAfter);

        _time.Advance(TimeSpan.FromMilliseconds(200));
        var next = await bucket.AcquireAsync("k", canWait: true);
        Assert.True(next.Allowed);
        Assert.Equal(TimeSpan.FromMilliseconds(800), next.Delay);
    }

    [Fact]
    public async Task LeakingBucket_WithoutWaiting_AdmitsOnlyAtTheDrainRate()
    {
        var bucket = Create("leaking-bucket", new RateLimit(5, TimeSpan.FromSeconds(1)), _time);
        var admitted = 0;
        for (var ms = 0; ms < 2000; ms += 10)
        {
            admitted += await Admitted(bucket, 3);
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.Equal(10, admitted); // 5 per second for 2 seconds, however hard it is pushed
    }

    [Fact]
    public async Task FixedWindow_LetsTwiceTheLimitThroughAcrossAWindowEdge()
    {
        var window = Create("fixed-window", TenPerSecond, _time);
        _time.Advance(TimeSpan.FromMilliseconds(900));
        var beforeEdge = await Admitted(window, 10);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        var afterEdge = await Admitted(window, 10);

        // 20 requests within 100 ms under a limit of 10 per second: the seed's objection.
        Assert.Equal(20, beforeEdge + afterEdge);
        var refused = await window.AcquireAsync("k");
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.RetryAfter);
    }

    [Fact]
    public async Task SlidingWindowLog_IsExactAtTheEdge()
    {
        var log = Create("sliding-log", TenPerSecond, _time);
        _time.Advance(TimeSpan.FromMilliseconds(900));
        Assert.Equal(10, await Admitted(log, 10));
        _time.Advance(TimeSpan.FromMilliseconds(100));

        var refused = await log.AcquireAsync("k");
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromMilliseconds(900), refused.RetryAfter);

        _time.Advance(TimeSpan.FromMilliseconds(899));
        Assert.Equal(0, await Admitted(log, 1));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(10, await Admitted(log, 20));
    }

    [Fact]
    public async Task SlidingWindowCounter_WeighsThePreviousWindowByItsOverlap()
    {
        var counter = Create("sliding-window", TenPerSecond, _time);
        _time.Advance(TimeSpan.FromMilliseconds(900));
        Assert.Equal(10, await Admitted(counter, 10));

        _time.Advance(TimeSpan.FromMilliseconds(100)); // 0 % into the next window: estimate 10
        Assert.Equal(0, await Admitted(counter, 5));
        _time.Advance(TimeSpan.FromMilliseconds(300)); // 30 % in: 10 × 0.7 = 7, so 3 fit
        Assert.Equal(3, await Admitted(counter, 5));
        _time.Advance(TimeSpan.FromMilliseconds(700)); // a new window: previous = 3, current = 0
        Assert.Equal(7, await Admitted(counter, 10));
    }

    [Fact]
    public async Task SlidingWindowCounter_AdversarialTraffic_StaysBelowTwiceTheLimit()
    {
        // The approximation's bound: a full window bunched at its very end is assumed spread out, so
        // as it slides away the next window's requests come in; a true sliding window spanning both can
        // hold up to (almost) 2 × limit. Fixed windows reach 2 × limit; the log never exceeds 1 ×.
        var limit = new RateLimit(100, TimeSpan.FromSeconds(1));
        var counter = Create("sliding-window", limit, _time);
        var log = new List<DateTimeOffset>();
        _time.Advance(TimeSpan.FromMilliseconds(999));
        for (var i = 0; i < 100; i++)
        {
            if ((await counter.AcquireAsync("k")).Allowed)
            {
                log.Add(_time.GetUtcNow());
            }
        }

        var worst = 0;
        for (var step = 0; step < 200; step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(5));
            for (var i = 0; i < 10; i++)
            {
                if ((await counter.AcquireAsync("k")).Allowed)
                {
                    log.Add(_time.GetUtcNow());
                }
            }

            var now = _time.GetUtcNow();
            worst = Math.Max(worst, log.Count(t => t > now - limit.Window));
        }

        Assert.InRange(worst, limit.Limit + 1, (2 * limit.Limit) - 1);
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public async Task Refusal_ConsumesNothing(string name)
    {
        var algorithm = Create(name, TenPerSecond, _time);
        Assert.True((await algorithm.AcquireAsync("k", cost: 6)).Allowed);
        Assert.False((await algorithm.AcquireAsync("k", cost: 5)).Allowed);
        Assert.True((await algorithm.AcquireAsync("k", cost: 4, canWait: true)).Allowed);
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public async Task Keys_HaveSeparateBudgets(string name)
    {
        var algorithm = Create(name, TenPerSecond, _time);
        Assert.True((await algorithm.AcquireAsync("alice", cost: 10, canWait: true)).Allowed);
        Assert.False((await algorithm.AcquireAsync("alice", canWait: true)).Allowed);
        Assert.True((await algorithm.AcquireAsync("bob", cost: 10, canWait: true)).Allowed);
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public async Task CostAboveTheLimit_IsRefusedForever(string name)
    {
        var decision = await Create(name, TenPerSecond, _time).AcquireAsync("k", cost: 11, canWait: true);
        Assert.False(decision.Allowed);
        Assert.Equal(TimeSpan.MaxValue, decision.RetryAfter);
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public async Task SixtyFourParallelClientsOnOneKey_GetExactlyTheLimit(string name)
    {
        var algorithm = Create(name, new RateLimit(1000, TimeSpan.FromHours(1)), TimeProvider.System);
        var admitted = 0;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                if ((await algorithm.AcquireAsync("shared", canWait: true)).Allowed)
                {
                    Interlocked.Increment(ref admitted);
                }
            }
        })));

        Assert.Equal(1000, admitted);
    }

    public static TheoryData<string> AllAlgorithms => ["token-bucket", "leaking-bucket", "fixed-window", "sliding-log", "sliding-window"];
}
