namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>
/// Fixed window counter (seed 003 §4): time is cut into windows aligned to the Unix epoch (each
/// minute starts at :00) and each window allows <c>Limit</c>. Cheap and exact within a window, but a
/// burst at the end of one window and the start of the next gets 2 × <c>Limit</c> through in one window's time.
/// </summary>
public sealed class FixedWindow(RateLimit limit, TimeProvider? time = null) : KeyedRateLimitAlgorithm<FixedWindow.State>(limit, time)
{
    /// <summary>A key's window and its count.</summary>
    public sealed class State : KeyState
    {
        internal long Window { get; set; } = -1;

        internal long Count { get; set; }
    }

    /// <inheritdoc />
    public override string Name => "fixed-window";

    /// <inheritdoc />
    protected override State NewState() => new();

    /// <inheritdoc />
    protected override RateLimitDecision Decide(State state, double now, long cost, bool canWait, bool commit)
    {
        var window = (long)Math.Floor(now / WindowMilliseconds);
        if (window != state.Window)
        {
            state.Window = window;
            state.Count = 0;
        }

        var allowed = state.Count + cost <= Limit.Limit;
        if (allowed && commit)
        {
            state.Count += cost;
        }

        var reset = Milliseconds(((window + 1) * WindowMilliseconds) - now);
        var retry = allowed ? TimeSpan.Zero : cost > Limit.Limit ? TimeSpan.MaxValue : reset;
        return new RateLimitDecision(allowed, Limit.Limit, Limit.Limit - state.Count, reset, retry);
    }

    /// <inheritdoc />
    protected override bool IsIdle(State state, double now) => (long)Math.Floor(now / WindowMilliseconds) != state.Window;
}
