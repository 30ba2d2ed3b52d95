namespace Blueprint.UrlShortener.Analytics;

/// <summary>A link's clicks per day, and where they came from over the period.</summary>
public sealed record LinkStats(string Key, DateOnly From, DateOnly To, bool BotsExcluded, long Clicks, IReadOnlyList<DayStats> Days, IReadOnlyList<CountBy> Referrers, IReadOnlyList<CountBy> Agents);
