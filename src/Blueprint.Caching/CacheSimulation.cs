using Blueprint.BuildingBlocks.Caching;

namespace Blueprint.Caching;

/// <summary>A trace replayed through every policy and size.</summary>
/// <param name="Trace">zipf or shifting.</param>
/// <param name="Length">Requests in the trace.</param>
/// <param name="DistinctKeys">Distinct keys it touches.</param>
/// <param name="Results">Hit ratio per policy and size.</param>
public sealed record CacheSimulation(string Trace, int Length, int DistinctKeys, IReadOnlyList<TraceResult> Results);
