using System.Globalization;
using Blueprint.BuildingBlocks.RateLimiting;
using StackExchange.Redis;

namespace Blueprint.RateLimiting.Redis;

/// <summary>
/// One of seed 003 §4's algorithms with its state in Redis: each decision is one Lua script, which
/// Redis runs atomically, so parallel clients on many hosts can never both spend the last unit
/// (the seed's "prevent lost update"). The scripts mirror the in-process algorithms line for line;
/// one contract test suite runs against both.
/// </summary>
public sealed class RedisRateLimitAlgorithm : IAsyncRateLimitAlgorithm
{
    /// <summary>The algorithms there are scripts for.</summary>
    public static IReadOnlyList<string> Algorithms { get; } = ["token-bucket", "leaking-bucket", "fixed-window", "sliding-log", "sliding-window"];

    private readonly IDatabase _database;
    private readonly TimeProvider? _time;
    private readonly string _prefix;
    private readonly string _script;

    /// <summary>Creates the algorithm on a Redis database.</summary>
    /// <param name="database">Where the state lives.</param>
    /// <param name="algorithm">One of <see cref="Algorithms"/>.</param>
    /// <param name="limit">The limit per key.</param>
    /// <param name="time">A clock to decide by; null uses the Redis server's clock, which all hosts share.</param>
    /// <param name="prefix">Prefix of the Redis keys, so several rules can share one database.</param>
    public RedisRateLimitAlgorithm(IDatabase database, string algorithm, RateLimit limit, TimeProvider? time = null, string prefix = "rl:")
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(limit);
        limit.Validate();
        if (!Algorithms.Contains(algorithm))
        {
            throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, $"Algorithms: {string.Join(", ", Algorithms)}.");
        }

        _database = database;
        _time = time;
        _prefix = prefix + algorithm + ":";
        _script = LuaScripts.For(algorithm);
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
        var now = _time is null ? RedisValue.EmptyString : (RedisValue)(_time.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMilliseconds.ToString("R", CultureInfo.InvariantCulture);
        RedisKey[] keys = [_prefix + key, _prefix + key + ":seq"];
        RedisValue[] arguments = [Limit.Limit, Limit.Window.TotalMilliseconds.ToString("R", CultureInfo.InvariantCulture), cost, canWait ? 1 : 0, now];
        var reply = (RedisResult[])(await _database.ScriptEvaluateAsync(_script, keys, arguments).WaitAsync(cancellationToken).ConfigureAwait(false))!;
        var retry = (long)reply[3];
        return new RateLimitDecision(
            (long)reply[0] == 1,
            Limit.Limit,
            (long)reply[1],
            TimeSpan.FromMilliseconds((long)reply[2]),
            retry < 0 ? TimeSpan.MaxValue : TimeSpan.FromMilliseconds(retry),
            TimeSpan.FromMilliseconds((long)reply[4]));
    }
}
