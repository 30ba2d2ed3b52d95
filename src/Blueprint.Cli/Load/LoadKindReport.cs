namespace Blueprint.Cli.Load;

/// <summary>One kind of request in a load run: how many, how many did what they should, at what rate, and how fast (ms).</summary>
internal sealed record LoadKindReport(long Requests, long Succeeded, double SucceededPerSecond, double P50, double P90, double P99, double P999, double Max, IReadOnlyDictionary<string, long> Failures);
