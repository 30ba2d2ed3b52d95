namespace Blueprint.Cli.Load;

/// <summary>What a URL shortener load run drives: where, how hard, how long, and the mix.</summary>
internal sealed record UrlShortenerLoadOptions(Uri Server, string? ApiKey, double Rate, TimeSpan Duration, int ReadsPerWrite, int Connections, int SeedLinks);
