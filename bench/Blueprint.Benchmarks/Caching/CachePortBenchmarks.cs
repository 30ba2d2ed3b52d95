using System.Text;
using BenchmarkDotNet.Attributes;
using Blueprint.Infrastructure.Caching;
using StackExchange.Redis;

namespace Blueprint.Benchmarks.Caching;

/// <summary>
/// The cache port's two engines side by side: what a round trip to Redis on loopback costs
/// against process memory, for the operations the systems use on hot paths.
/// Redis: set BLUEPRINT_BENCH_REDIS=host:port (bench/run-with-engines.sh does).
/// </summary>
[MemoryDiagnoser]
public class CachePortBenchmarks
{
    private static readonly byte[] Value = Encoding.UTF8.GetBytes("https://example.com/a/rather/long/original/url/of/about/two/hundred/bytes");

    private ICacheStore _store = null!;
    private RedisConnection? _redis;

    [Params("in-process", "redis")]
    public string Engine { get; set; } = "in-process";

    [GlobalSetup]
    public async Task Setup()
    {
        if (Engine == "redis")
        {
            var endpoint = Environment.GetEnvironmentVariable("BLUEPRINT_BENCH_REDIS")
                ?? throw new InvalidOperationException("Set BLUEPRINT_BENCH_REDIS=host:port, or run bench/run-with-engines.sh.");
            _redis = new RedisConnection(ConfigurationOptions.Parse(endpoint));
            _store = new RedisCacheStore(_redis);
        }
        else
        {
            _store = new InMemoryCacheStore(TimeProvider.System);
        }

        await _store.SetAsync("bench:hit", Value, TimeSpan.FromHours(1));
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [Benchmark(Description = "GET hit")]
    public Task<byte[]?> GetHit() => _store.GetAsync("bench:hit");

    [Benchmark(Description = "GET miss")]
    public Task<byte[]?> GetMiss() => _store.GetAsync("bench:miss");

    [Benchmark(Description = "SET with TTL")]
    public Task Set() => _store.SetAsync("bench:set", Value, TimeSpan.FromMinutes(5));

    [Benchmark(Description = "INCR with expiry")]
    public Task<long> Increment() => _store.IncrementAsync("bench:counter", 1, TimeSpan.FromMinutes(5));
}
