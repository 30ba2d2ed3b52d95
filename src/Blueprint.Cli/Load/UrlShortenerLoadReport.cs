namespace Blueprint.Cli.Load;

/// <summary>What a load run measured.</summary>
internal sealed record UrlShortenerLoadReport(double TargetRate, double Seconds, double AchievedPerSecond, LoadKindReport Reads, LoadKindReport Writes);
