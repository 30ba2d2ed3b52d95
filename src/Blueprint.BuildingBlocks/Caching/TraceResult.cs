namespace Blueprint.BuildingBlocks.Caching;

/// <summary>One policy at one size on one trace.</summary>
/// <param name="Policy">The eviction policy.</param>
/// <param name="Size">Cache capacity in entries.</param>
/// <param name="HitRatio">Hits over requests.</param>
/// <param name="Evictions">Entries evicted.</param>
public sealed record TraceResult(EvictionPolicy Policy, int Size, double HitRatio, long Evictions);
