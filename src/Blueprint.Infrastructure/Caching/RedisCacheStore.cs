using StackExchange.Redis;

namespace Blueprint.Infrastructure.Caching;

/// <summary>
/// The real shared-state engine. Every multi-step operation is one Lua script, so concurrent
/// hosts never interleave inside it.
/// </summary>
internal sealed partial class RedisCacheStore(RedisConnection connection) : ICacheStore, ISortedSetStore, ICacheChannels
{
    // EXISTS before INCRBY tells creation apart from increment, so only a new counter gets the expiry.
    private const string IncrementScript = """
        local existed = redis.call('EXISTS', KEYS[1])
        local value = redis.call('INCRBY', KEYS[1], ARGV[1])
        if existed == 0 and tonumber(ARGV[2]) > 0 then
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return value
        """;

    // ARGV: 1 = '1' when the key must be absent, 2 = expected value, 3 = new value, 4 = ttl in ms (0: none).
    private const string CompareAndSetScript = """
        local current = redis.call('GET', KEYS[1])
        local matches = (ARGV[1] == '1' and current == false) or (ARGV[1] == '0' and current == ARGV[2])
        if not matches then
            return 0
        end
        if tonumber(ARGV[4]) > 0 then
            redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
        else
            redis.call('SET', KEYS[1], ARGV[3])
        end
        return 1
        """;

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var value = await (await connection.DatabaseAsync()).StringGetAsync(key);
        return value.IsNull ? null : (byte[])value!;
    }

    public async Task SetAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
        await (await connection.DatabaseAsync()).StringSetAsync(key, value, Positive(timeToLive), When.Always);

    public async Task<bool> SetIfAbsentAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
        await (await connection.DatabaseAsync()).StringSetAsync(key, value, Positive(timeToLive), When.NotExists);

    public async Task<bool> CompareAndSetAsync(string key, ReadOnlyMemory<byte>? expected, ReadOnlyMemory<byte> value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        var result = await (await connection.DatabaseAsync()).ScriptEvaluateAsync(
            CompareAndSetScript,
            [key],
            [expected is null ? "1" : "0", expected ?? ReadOnlyMemory<byte>.Empty, value, Milliseconds(timeToLive)]);
        return (long)result == 1;
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        await (await connection.DatabaseAsync()).KeyDeleteAsync(key);

    public async Task<long> IncrementAsync(string key, long by = 1, TimeSpan? expireAfterCreate = null, CancellationToken cancellationToken = default)
    {
        var result = await (await connection.DatabaseAsync()).ScriptEvaluateAsync(IncrementScript, [key], [by, Milliseconds(expireAfterCreate)]);
        return (long)result;
    }

    public async Task<TimeSpan?> GetTimeToLiveAsync(string key, CancellationToken cancellationToken = default) =>
        await (await connection.DatabaseAsync()).KeyTimeToLiveAsync(key);

    private static TimeSpan? Positive(TimeSpan? timeToLive) =>
        timeToLive is { } ttl && ttl <= TimeSpan.Zero
            ? throw new ArgumentOutOfRangeException(nameof(timeToLive), ttl, "A time to live must be positive.")
            : timeToLive;

    private static long Milliseconds(TimeSpan? timeToLive) =>
        Positive(timeToLive) is { } ttl ? Math.Max(1, (long)Math.Ceiling(ttl.TotalMilliseconds)) : 0;
}
