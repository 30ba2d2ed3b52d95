namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>
/// Sliding window log (seed 003 §4): the time of every admitted request in the last window is kept;
/// a request is admitted when the log's cost plus its own stays within <c>Limit</c>. Exact at every
/// instant — no burst at window edges — at the price of memory per request (O(Limit) per key).
/// </summary>
public sealed class SlidingWindowLog(RateLimit limit, TimeProvider? time = null) : KeyedRateLimitAlgorithm<SlidingWindowLog.State>(limit, time)
{
    /// <summary>A key's admitted requests in the window, oldest first, and their total cost.</summary>
    public sealed class State : KeyState
    {
        internal Queue<(double At, long Cost)> Log { get; } = new();

        internal long Total { get; set; }
    }

    /// <inheritdoc />
    public override string Name => "sliding-log";

    /// <inheritdoc />
    protected override State NewState() => new();

    /// <inheritdoc />
    protected override RateLimitDecision Decide(State state, double now, long cost, bool canWait, bool commit)
    {
        Expire(state, now);
        var allowed = state.Total + cost <= Limit.Limit;
        if (allowed && commit)
        {
            state.Log.Enqueue((now, cost));
            state.Total += cost;
        }

        var reset = state.Log.Count == 0 ? TimeSpan.Zero : Milliseconds(state.Log.Peek().At + WindowMilliseconds - now);
        return new RateLimitDecision(allowed, Limit.Limit, Limit.Limit - state.Total, reset, allowed ? TimeSpan.Zero : RetryAfter(state, now, cost));
    }

    /// <inheritdoc />
    protected override bool IsIdle(State state, double now)
    {
        Expire(state, now);
        return state.Log.Count == 0;
    }

    // The oldest entries must leave the window until the request fits: retry when the last of them does.
    private TimeSpan RetryAfter(State state, double now, long cost)
    {
        if (cost > Limit.Limit)
        {
            return TimeSpan.MaxValue;
        }

        var freed = Limit.Limit - state.Total;
        foreach (var (at, entryCost) in state.Log)
        {
            freed += entryCost;
            if (freed >= cost)
            {
                return Milliseconds(at + WindowMilliseconds - now);
            }
        }

        return Limit.Window;
    }

    private void Expire(State state, double now)
    {
        while (state.Log.Count > 0 && state.Log.Peek().At <= now - WindowMilliseconds)
        {
            state.Total -= state.Log.Dequeue().Cost;
        }
    }
}
