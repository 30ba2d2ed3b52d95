using System.Threading.RateLimiting;

namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>
/// One budget of an algorithm as a System.Threading.RateLimiting <see cref="RateLimiter"/> — a
/// drop-in for the framework's TokenBucketRateLimiter or FixedWindowRateLimiter, with the five
/// algorithms to choose from and time from a <see cref="TimeProvider"/>. The limiter holds its
/// key's state itself, so a decision is a lock and the arithmetic, without a lookup.
/// </summary>
public sealed class AlgorithmRateLimiter : RateLimiter
{
    private readonly IBatchableAlgorithm _algorithm;
    private readonly KeyState _state;
    private readonly TimeProvider _time;
    private long _admitted;
    private long _refused;

    /// <summary>Creates the limiter over <paramref name="algorithm"/>'s budget for <paramref name="key"/>.</summary>
    public AlgorithmRateLimiter(IBatchableAlgorithm algorithm, string key = "", TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentNullException.ThrowIfNull(key);
        _algorithm = algorithm;
        _state = algorithm.StateOf(key);
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public override TimeSpan? IdleDuration => null;

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics() => new()
    {
        TotalSuccessfulLeases = Interlocked.Read(ref _admitted),
        TotalFailedLeases = Interlocked.Read(ref _refused),
    };

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        permitCount == 0 ? DecisionLease.Probe : Lease(Decide(permitCount, canWait: false));

    /// <inheritdoc />
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount == 0)
        {
            return DecisionLease.Probe;
        }

        var decision = Decide(permitCount, canWait: true);
        if (decision.Allowed && decision.Delay > TimeSpan.Zero)
        {
            // The leaking bucket admitted it into its queue: wait for its turn.
            await Task.Delay(decision.Delay, _time, cancellationToken).ConfigureAwait(false);
        }

        return Lease(decision);
    }

    private RateLimitDecision Decide(int permitCount, bool canWait)
    {
        lock (_state.Gate)
        {
            return _algorithm.DecideLocked(_state, permitCount, canWait, commit: true);
        }
    }

    private RateLimitLease Lease(RateLimitDecision decision)
    {
        Interlocked.Increment(ref decision.Allowed ? ref _admitted : ref _refused);
        return DecisionLease.For(decision);
    }
}
