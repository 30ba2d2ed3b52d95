namespace Blueprint.Infrastructure.Caching;

/// <summary>One member of a sorted set with its score.</summary>
public readonly record struct SortedSetEntry(string Member, double Score);
