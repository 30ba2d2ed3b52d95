using System.Collections.Concurrent;

namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>
/// Rate-limit state in this process: one algorithm instance per algorithm and limit, keys inside
/// it. Right for one host; several hosts need a shared store (Redis) or each admits its own limit.
/// </summary>
public sealed class InProcessRateLimitStore(TimeProvider? time = null) : IRateLimitStore
{
    private readonly ConcurrentDictionary<(string Algorithm, RateLimit Limit), IBatchableAlgorithm> _algorithms = new();

    /// <inheritdoc />
    public ValueTask<RateLimitDecision[]> AcquireAllAsync(IReadOnlyList<RateLimitCharge> charges, bool canWait = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(charges);
        var batch = new (IBatchableAlgorithm, string, long)[charges.Count];
        for (var i = 0; i < charges.Count; i++)
        {
            var charge = charges[i];
            batch[i] = (AlgorithmFor(charge.Algorithm, charge.Limit), charge.Key, charge.Cost);
        }

        return ValueTask.FromResult(RateLimitBatch.Acquire(batch, canWait));
    }

    /// <summary>Forgets keys back at a full budget in every algorithm; returns how many.</summary>
    public int Purge() => _algorithms.Values.Sum(a => a.Purge());

    private IBatchableAlgorithm AlgorithmFor(string algorithm, RateLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        return _algorithms.TryGetValue((algorithm, limit), out var found)
            ? found
            : _algorithms.GetOrAdd((algorithm, limit), static (id, clock) => RateLimitAlgorithms.Create(id.Algorithm, id.Limit, clock), time);
    }
}
