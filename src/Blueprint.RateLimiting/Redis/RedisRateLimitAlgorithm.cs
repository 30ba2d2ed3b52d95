using Blueprint.BuildingBlocks.RateLimiting;
using StackExchange.Redis;

namespace Blueprint.RateLimiting.Redis;

/// <summary>One of seed 003 §4's algorithms with its state in Redis: one limit of a <see cref="RedisRateLimitStore"/>.</summary>
public sealed class RedisRateLimitAlgorithm : IAsyncRateLimitAlgorithm
{
    private readonly RedisRateLimitStore _store;

    /// <summary>Creates the algorithm on a Redis database.</summary>
    /// <param name="database">Where the state lives.</param>
    /// <param name="algorithm">One of <see cref="RateLimitAlgorithms.Names"/>.</param>
    /// <param name="limit">The limit per key.</param>
    /// <param name="time">A clock to decide by; null uses the Redis server's clock, which all hosts share.</param>
    /// <param name="prefix">Prefix of the Redis keys, so several rules can share one database.</param>
    public RedisRateLimitAlgorithm(IDatabase database, string algorithm, RateLimit limit, TimeProvider? time = null, string prefix = "rl:")
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(limit);
        limit.Validate();
        RateLimitAlgorithms.ThrowIfUnknown(algorithm, nameof(algorithm));

        _store = new RedisRateLimitStore(database, time, prefix);
        Name = algorithm;
        Limit = limit;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public RateLimit Limit { get; }

    /// <inheritdoc />
    public async ValueTask<RateLimitDecision> AcquireAsync(string key, long cost = 1, bool canWait = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(cost, 1);
        var decisions = await _store.AcquireAllAsync([new RateLimitCharge(Name, Limit, key, cost)], canWait, cancellationToken).ConfigureAwait(false);
        return decisions[0];
    }
}
