namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>What one run of <see cref="MultiRegionSimulation"/> measured.</summary>
/// <param name="Regions">Data centres sharing one global limit.</param>
/// <param name="SyncDelay">How stale each region's view of the others' counts is.</param>
/// <param name="Limit">The global limit per window.</param>
/// <param name="Offered">Requests offered in all regions together.</param>
/// <param name="Admitted">Requests admitted in all regions together.</param>
/// <param name="MostInAWindow">The most admitted in one window, all regions together.</param>
public sealed record RegionSyncResult(int Regions, TimeSpan SyncDelay, long Limit, long Offered, long Admitted, long MostInAWindow)
{
    /// <summary>How far the worst window went over the limit, as a fraction of it (0.1 = 10 % over).</summary>
    public double OverAdmission => Math.Max(0, (double)(MostInAWindow - Limit) / Limit);
}
