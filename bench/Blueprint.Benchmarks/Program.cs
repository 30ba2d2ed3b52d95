using BenchmarkDotNet.Running;
using Blueprint.Benchmarks.BuildingBlocks;
using Blueprint.Benchmarks.RateLimiting;
using Blueprint.Benchmarks.UrlShortener;

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

if (args is ["cached-links-memory", ..])
{
    await CachedLinksMemoryReport.WriteAsync(Console.Out, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
    return;
}

if (args is ["bare-redirect", var port, var key, var url])
{
    await BareRedirectServer.RunAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), key, url);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point for BenchmarkSwitcher; "hit-ratios" prints the cache hit-ratio comparison, "redis-decisions" the rate limiter on Redis against redis-benchmark, "cached-links-memory [N]" the redirect cache's bytes per link, "bare-redirect PORT KEY URL" the peer of bench/load/url-redirects.sh.</summary>
public partial class Program;
