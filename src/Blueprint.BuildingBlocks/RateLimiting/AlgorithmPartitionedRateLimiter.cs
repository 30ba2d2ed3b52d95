using System.Threading.RateLimiting;

namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>
/// An algorithm as a System.Threading.RateLimiting <see cref="PartitionedRateLimiter{TResource}"/>,
/// so ASP.NET Core's <c>UseRateLimiter</c> and any .NET code can use it. The partition key is
/// whatever <c>keyOf</c> picks from the resource (a user id, an IP).
/// </summary>
public sealed class AlgorithmPartitionedRateLimiter<TResource>(IRateLimitAlgorithm algorithm, Func<TResource, string> keyOf, TimeProvider? time = null)
    : PartitionedRateLimiter<TResource>
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _admitted;
    private long _refused;

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics(TResource resource) => new()
    {
        TotalSuccessfulLeases = Interlocked.Read(ref _admitted),
        TotalFailedLeases = Interlocked.Read(ref _refused),
    };

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(TResource resource, int permitCount) =>
        permitCount == 0 ? DecisionLease.Probe : Lease(algorithm.Acquire(keyOf(resource), permitCount, canWait: false));

    /// <inheritdoc />
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(TResource resource, int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount == 0)
        {
            return DecisionLease.Probe;
        }

        var decision = algorithm.Acquire(keyOf(resource), permitCount, canWait: true);
        if (decision.Allowed && decision.Delay > TimeSpan.Zero)
        {
            // The leaking bucket admitted it into its queue: wait for its turn.
            await Task.Delay(decision.Delay, _time, cancellationToken).ConfigureAwait(false);
        }

        return Lease(decision);
    }

    private RateLimitLease Lease(RateLimitDecision decision)
    {
        Interlocked.Increment(ref decision.Allowed ? ref _admitted : ref _refused);
        return DecisionLease.For(decision);
    }
}
