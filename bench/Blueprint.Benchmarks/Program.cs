using BenchmarkDotNet.Running;
using Blueprint.Benchmarks.BuildingBlocks;
using Blueprint.Benchmarks.RateLimiting;

if (args is ["hit-ratios"])
{
    HitRatioReport.Write(Console.Out);
    return;
}

if (args is ["redis-decisions"])
{
    await RedisDecisionReport.WriteAsync(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point for BenchmarkSwitcher; "hit-ratios" prints the cache hit-ratio comparison, "redis-decisions" the rate limiter on Redis against redis-benchmark.</summary>
public partial class Program;
