namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>One slice of simulated time: requests offered, admitted and refused in it.</summary>
public readonly record struct TrafficSlice(double StartSeconds, int Offered, int Allowed, int Rejected);

/// <summary>
/// Drives a traffic pattern through each of the five algorithms on a simulated clock and records
/// what they admitted when — the picture of seed 003 §4 in which the fixed window lets twice its
/// limit through around an edge and the sliding window does not.
/// </summary>
public static class TrafficSimulation
{
    private const int SlicesPerWindow = 10;

    /// <summary>Runs <paramref name="pattern"/> for <paramref name="windows"/> windows through every algorithm.</summary>
    public static IReadOnlyList<TrafficResult> Run(TrafficPattern pattern, RateLimit limit, int windows = 4)
    {
        ArgumentNullException.ThrowIfNull(limit);
        limit.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(windows, 1);
        var arrivals = Arrivals(pattern, limit.Limit, windows);
        return [.. RateLimitAlgorithms.Names.Select(name => Drive(name, limit, windows, arrivals))];
    }

    /// <summary>Arrival times in windows (0 to <paramref name="windows"/>), sorted.</summary>
    public static IReadOnlyList<double> Arrivals(TrafficPattern pattern, long limit, int windows)
    {
        var times = new List<double>();
        switch (pattern)
        {
            case TrafficPattern.Steady:
                var gap = 1.0 / (1.5 * limit);
                for (var t = gap / 2; t < windows; t += gap)
                {
                    times.Add(t);
                }

                break;
            case TrafficPattern.EdgeBurst:
                // A trickle at half the limit, and the whole limit twice: in the last and first tenth around each odd edge.
                for (var t = 0.5 / limit; t < windows; t += 2.0 / limit)
                {
                    times.Add(t);
                }

                for (var edge = 1; edge < windows; edge += 2)
                {
                    for (var i = 0; i < limit; i++)
                    {
                        times.Add(edge - 0.1 + (0.099 * i / limit));
                        times.Add(edge + 0.001 + (0.099 * i / limit));
                    }
                }

                break;
            case TrafficPattern.Ramp:
                // Rate r(t) = 3 × limit × t / windows per window: the n-th arrival is where its integral reaches n.
                var total = 1.5 * limit * windows;
                for (var n = 0.5; n < total; n++)
                {
                    times.Add(Math.Sqrt(2 * n * windows / (3.0 * limit)));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "Patterns: Steady, EdgeBurst, Ramp.");
        }

        times.Sort();
        return times;
    }

    private static TrafficResult Drive(string name, RateLimit limit, int windows, IReadOnlyList<double> arrivals)
    {
        var clock = new SimulatedClock();
        var algorithm = RateLimitAlgorithms.Create(name, limit, clock);
        var slices = new (int Offered, int Allowed)[windows * SlicesPerWindow];
        var admitted = new List<long>();
        var start = clock.GetUtcNow();
        foreach (var at in arrivals)
        {
            clock.SetTo(start + (limit.Window * at));
            var now = clock.GetTimestamp();
            var slice = Math.Min(slices.Length - 1, (int)(at * SlicesPerWindow));
            slices[slice].Offered++;
            if (algorithm.Acquire("client").Allowed)
            {
                slices[slice].Allowed++;
                admitted.Add(now);
            }
        }

        return new TrafficResult(
            name,
            [.. slices.Select((s, i) => new TrafficSlice(i * limit.Window.TotalSeconds / SlicesPerWindow, s.Offered, s.Allowed, s.Offered - s.Allowed))],
            admitted.Count,
            MostWithinOneWindow(admitted, limit.Window.Ticks));
    }

    // Two pointers over the admitted times (clock ticks): the most that fit in any span shorter than a window.
    private static int MostWithinOneWindow(List<long> admitted, long window)
    {
        var most = 0;
        for (int first = 0, last = 0; last < admitted.Count; last++)
        {
            while (admitted[last] - admitted[first] >= window)
            {
                first++;
            }

            most = Math.Max(most, last - first + 1);
        }

        return most;
    }

    /// <summary>A clock that moves only when told to, starting on a whole hour so windows align.</summary>
    private sealed class SimulatedClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public override long GetTimestamp() => _now.UtcTicks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public void SetTo(DateTimeOffset now) => _now = now > _now ? now : _now;
    }
}
