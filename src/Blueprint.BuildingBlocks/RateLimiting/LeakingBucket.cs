namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>
/// Leaking bucket (seed 003 §4): a FIFO queue of at most <c>Limit</c> requests, drained at a fixed
/// <c>Limit</c> per window. An admitted request waits its turn (<see cref="RateLimitDecision.Delay"/>);
/// a request that finds the queue full is refused. Output is perfectly smooth; bursts wait instead.
/// </summary>
/// <remarks>
/// The queue is kept as its level (requests waiting, as a real number) and the time it was measured:
/// level falls by the drain rate as time passes, so a request's wait is level ÷ rate. That is the
/// queue's exact behaviour without holding the requests themselves.
/// </remarks>
public sealed class LeakingBucket(RateLimit limit, TimeProvider? time = null) : KeyedRateLimitAlgorithm<LeakingBucket.State>(limit, time)
{
    /// <summary>A key's queue level and when it was measured.</summary>
    public sealed class State : KeyState
    {
        internal double Level { get; set; }

        internal double At { get; set; }
    }

    /// <inheritdoc />
    public override string Name => "leaking-bucket";

    private double RatePerMillisecond => Limit.Limit / WindowMilliseconds;

    /// <inheritdoc />
    protected override State NewState() => new();

    /// <inheritdoc />
    protected override RateLimitDecision Decide(State state, double now, long cost, bool canWait, bool commit)
    {
        Drain(state, now);
        var wait = state.Level / RatePerMillisecond;
        // Without waiting, only a request whose turn is now (under a millisecond away) gets through.
        var allowed = state.Level + cost <= Limit.Limit && (canWait || wait < 1);
        if (allowed && commit)
        {
            state.Level += cost;
        }

        var remaining = (long)Math.Floor(Limit.Limit - state.Level);
        var empty = Milliseconds(state.Level / RatePerMillisecond);
        var retry = allowed ? TimeSpan.Zero
            : cost > Limit.Limit ? TimeSpan.MaxValue
            : canWait ? Milliseconds((state.Level + cost - Limit.Limit) / RatePerMillisecond)
            : Milliseconds(wait);
        return new RateLimitDecision(allowed, Limit.Limit, remaining, empty, retry, allowed ? Milliseconds(wait) : TimeSpan.Zero);
    }

    /// <inheritdoc />
    protected override bool IsIdle(State state, double now)
    {
        Drain(state, now);
        return state.Level <= 0;
    }

    private void Drain(State state, double now)
    {
        if (now > state.At)
        {
            state.Level = Math.Max(0, state.Level - ((now - state.At) * RatePerMillisecond));
            state.At = now;
        }
    }
}
