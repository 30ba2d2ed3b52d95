namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>
/// Token bucket (seed 003 §4): a bucket of <c>Limit</c> tokens refilled continuously at
/// <c>Limit</c> per window; a request takes its cost in tokens or is refused. Allows bursts up to
/// the bucket's size, then the steady rate.
/// </summary>
public sealed class TokenBucket(RateLimit limit, TimeProvider? time = null) : KeyedRateLimitAlgorithm<TokenBucket.State>(limit, time)
{
    /// <summary>A key's tokens and when they were last counted.</summary>
    public sealed class State : KeyState
    {
        internal double Tokens { get; set; } = double.NaN;

        internal double At { get; set; }
    }

    /// <inheritdoc />
    public override string Name => "token-bucket";

    private double RatePerMillisecond => Limit.Limit / WindowMilliseconds;

    /// <inheritdoc />
    protected override State NewState() => new();

    /// <inheritdoc />
    protected override RateLimitDecision Decide(State state, double now, long cost, bool canWait, bool commit)
    {
        Refill(state, now);
        var allowed = cost <= state.Tokens;
        if (allowed && commit)
        {
            state.Tokens -= cost;
        }

        var full = Milliseconds((Limit.Limit - state.Tokens) / RatePerMillisecond);
        var retry = allowed ? TimeSpan.Zero : cost > Limit.Limit ? TimeSpan.MaxValue : Milliseconds((cost - state.Tokens) / RatePerMillisecond);
        return new RateLimitDecision(allowed, Limit.Limit, (long)Math.Floor(state.Tokens), full, retry);
    }

    /// <inheritdoc />
    protected override bool IsIdle(State state, double now)
    {
        Refill(state, now);
        return state.Tokens >= Limit.Limit;
    }

    private void Refill(State state, double now)
    {
        if (double.IsNaN(state.Tokens))
        {
            state.Tokens = Limit.Limit;
        }
        else if (now > state.At)
        {
            state.Tokens = Math.Min(Limit.Limit, state.Tokens + ((now - state.At) * RatePerMillisecond));
        }

        state.At = Math.Max(state.At, now);
    }
}
