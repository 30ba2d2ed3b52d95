using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Blueprint.BuildingBlocks.RateLimiting;
using Blueprint.RateLimiting.Redis;
using StackExchange.Redis;

namespace Blueprint.Benchmarks.RateLimiting;

/// <summary>
/// Decisions per second on Redis with 64 requests in flight, side by side with redis-benchmark's
/// INCR (the bare counter a naive fixed window would use) at the same concurrency, in one run.
/// <c>BLUEPRINT_BENCH_REDIS=host:port dotnet run -c Release --project bench/Blueprint.Benchmarks -- redis-decisions</c>
/// </summary>
internal static partial class RedisDecisionReport
{
    private const int InFlight = 64;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);

    public static async Task WriteAsync(TextWriter output)
    {
        var endpoint = Environment.GetEnvironmentVariable("BLUEPRINT_BENCH_REDIS")
            ?? throw new InvalidOperationException("Set BLUEPRINT_BENCH_REDIS=host:port (bench/run-with-engines.sh redis-decisions does).");
        var peer = RedisBenchmarkIncr(endpoint);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(endpoint);
        var store = new RedisRateLimitStore(redis.GetDatabase(), prefix: $"bench:{Guid.NewGuid():N}:");
        var limit = new RateLimit(long.MaxValue / 4, TimeSpan.FromHours(1));

        // Warm up: JIT, the connection, and the script in Redis's cache.
        await MeasureAsync(store, i => [new("fixed-window", limit, $"warm:{i & 1023}")], TimeSpan.FromSeconds(1));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"redis-benchmark INCR, {InFlight} clients: {peer:N0} requests/s"));
        output.WriteLine("| decision | decisions/s | ÷ redis-benchmark INCR |");
        output.WriteLine("|---|---:|---:|");
        foreach (var algorithm in RateLimitAlgorithms.Names.Where(a => a != "sliding-log"))
        {
            var rate = await MeasureAsync(store, i => [new(algorithm, limit, $"user:{i & 1023}")]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {algorithm}, 1,024 keys | {rate:N0} | {rate / peer:0.00}× |"));
        }

        // The log keeps a member per admitted request, so it is measured under a limit it reaches.
        var log = await MeasureAsync(store, i => [new("sliding-log", new RateLimit(1000, TimeSpan.FromSeconds(10)), $"log:{i & 1023}")]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| sliding-log (≤ 1,000 members a key), 1,024 keys | {log:N0} | {log / peer:0.00}× |"));
        var three = await MeasureAsync(store, i => [new("sliding-window", limit, $"user:{i & 1023}"), new("token-bucket", limit, $"tenant:{i & 15}"), new("fixed-window", limit, "global")]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| three rules at once (user, tenant, global) | {three:N0} | {three / peer:0.00}× |"));
    }

    private static async Task<double> MeasureAsync(RedisRateLimitStore store, Func<int, RateLimitCharge[]> charges, TimeSpan? duration = null)
    {
        var until = duration ?? Duration;
        var stopwatch = Stopwatch.StartNew();
        long decisions = 0;
        await Task.WhenAll(Enumerable.Range(0, InFlight).Select(worker => Task.Run(async () =>
        {
            var i = worker;
            while (stopwatch.Elapsed < until)
            {
                await store.AcquireAllAsync(charges(i));
                i += InFlight;
                Interlocked.Increment(ref decisions);
            }
        })));
        return decisions / stopwatch.Elapsed.TotalSeconds;
    }

    private static double RedisBenchmarkIncr(string endpoint)
    {
        var (host, port) = (endpoint.Split(':')[0], endpoint.Split(':')[1]);
        var start = new ProcessStartInfo("redis-benchmark") { RedirectStandardOutput = true };
        foreach (var argument in new[] { "-h", host, "-p", port, "-c", InFlight.ToString(CultureInfo.InvariantCulture), "-n", "500000", "-t", "incr", "-q" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("redis-benchmark did not start (apt-get install redis-tools).");
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        // -q prints progress lines separated by carriage returns, then "INCR: 123456.79 requests per second, ...".
        var match = RequestsPerSecond().Matches(text).LastOrDefault() ?? throw new InvalidOperationException($"redis-benchmark printed no rate: {text}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"INCR: ([0-9.]+) requests per second")]
    private static partial Regex RequestsPerSecond();
}
