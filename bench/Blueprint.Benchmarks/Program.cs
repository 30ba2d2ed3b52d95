using BenchmarkDotNet.Running;
using Blueprint.Benchmarks.BuildingBlocks;

if (args is ["hit-ratios"])
{
    HitRatioReport.Write(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point for BenchmarkSwitcher; "hit-ratios" prints the cache hit-ratio comparison instead.</summary>
public partial class Program;
