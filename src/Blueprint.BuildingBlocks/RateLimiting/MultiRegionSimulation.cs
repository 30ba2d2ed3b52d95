namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>
/// Seed 003 §4's multi-data-centre question, simulated: each region decides locally (a fixed window
/// counter) against its own count plus the other regions' counts as last replicated, which arrive
/// <c>syncDelay</c> late (eventual consistency). Every region is offered the same steady traffic.
/// With no delay the regions together admit exactly the limit; with a delay each admits on stale
/// knowledge until the others' counts arrive, so a window can over-admit by up to about
/// (regions − 1) × per-region rate × delay — never more than regions × limit.
/// </summary>
public static class MultiRegionSimulation
{
    /// <summary>Runs <paramref name="windows"/> windows of steady traffic through <paramref name="regions"/> regions.</summary>
    /// <param name="regions">Data centres, at least 1.</param>
    /// <param name="limit">The global limit per window.</param>
    /// <param name="offeredPerRegion">Requests each region receives per window, evenly spaced.</param>
    /// <param name="syncDelay">Replication delay of the counters between regions.</param>
    /// <param name="windows">Windows to run.</param>
    public static RegionSyncResult Run(int regions, RateLimit limit, long offeredPerRegion, TimeSpan syncDelay, int windows = 10)
    {
        ArgumentNullException.ThrowIfNull(limit);
        limit.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(regions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(offeredPerRegion, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(windows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(syncDelay, TimeSpan.Zero);

        var window = limit.Window.Ticks;
        var gap = (double)window / offeredPerRegion;
        // Each region's admissions in time order, to count what another region knew of at any moment.
        var admittedAt = Enumerable.Range(0, regions).Select(_ => new List<long>()).ToArray();
        var perWindow = new long[windows];
        long offered = 0;
        foreach (var (at, region) in Arrivals(regions, offeredPerRegion * windows, gap))
        {
            offered++;
            var windowStart = at / window * window;
            var known = CountSince(admittedAt[region], windowStart, at);
            for (var other = 0; other < regions; other++)
            {
                if (other != region)
                {
                    known += CountSince(admittedAt[other], windowStart, at - syncDelay.Ticks);
                }
            }

            if (known + 1 <= limit.Limit)
            {
                admittedAt[region].Add(at);
                perWindow[at / window]++;
            }
        }

        return new RegionSyncResult(regions, syncDelay, limit.Limit, offered, perWindow.Sum(), perWindow.Max());
    }

    // Every region's arrivals merged in time order; regions are offset from each other by a fraction of the gap.
    private static IEnumerable<(long At, int Region)> Arrivals(int regions, long perRegion, double gap)
    {
        for (long n = 0; n < perRegion; n++)
        {
            for (var region = 0; region < regions; region++)
            {
                yield return ((long)((n + ((region + 0.5) / regions)) * gap), region);
            }
        }
    }

    // Admissions in [from, until]; the list is in time order.
    private static long CountSince(List<long> times, long from, long until)
    {
        if (until < from || times.Count == 0)
        {
            return 0;
        }

        return UpperBound(times, until) - UpperBound(times, from - 1);
    }

    private static int UpperBound(List<long> times, long value)
    {
        int low = 0, high = times.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (times[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
