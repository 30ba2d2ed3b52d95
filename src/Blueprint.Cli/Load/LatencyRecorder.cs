using System.Diagnostics;
using HdrHistogram;

namespace Blueprint.Cli.Load;

/// <summary>
/// Latencies of one kind of request in an HdrHistogram (3 significant digits, up to a minute), and
/// how each ended. Thread-safe: requests finish on many threads at once.
/// </summary>
internal sealed class LatencyRecorder
{
    private static readonly long Highest = TimeSpan.FromMinutes(1).Ticks / 10; // microseconds
    private readonly Lock _lock = new();
    private readonly LongHistogram _histogram = new(Highest, 3);
    private readonly Dictionary<string, long> _failures = new(StringComparer.Ordinal);
    private long _ok;

    /// <summary>A request that was due at <paramref name="dueTimestamp"/> ended now, well or not.</summary>
    /// <param name="dueTimestamp">When the schedule meant to send it, so that waiting for a free connection counts as latency (no coordinated omission).</param>
    /// <param name="failure">Why it failed (a status code, "timeout"…), or null when it did what it should.</param>
    public void Record(long dueTimestamp, string? failure)
    {
        var micros = Math.Clamp((long)Stopwatch.GetElapsedTime(dueTimestamp).TotalMicroseconds, 1, Highest);
        lock (_lock)
        {
            _histogram.RecordValue(micros);
            if (failure is null)
            {
                _ok++;
            }
            else
            {
                _failures[failure] = _failures.GetValueOrDefault(failure) + 1;
            }
        }
    }

    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _histogram.TotalCount;
            }
        }
    }

    /// <summary>The latency at <paramref name="percentile"/> (0–100) so far, in milliseconds.</summary>
    public double Percentile(double percentile)
    {
        lock (_lock)
        {
            return MillisecondsAt(percentile);
        }
    }

    /// <summary>What was recorded, over <paramref name="elapsed"/>.</summary>
    public LoadKindReport Report(TimeSpan elapsed)
    {
        lock (_lock)
        {
            return new LoadKindReport(
                _histogram.TotalCount,
                _ok,
                Math.Round(_ok / Math.Max(elapsed.TotalSeconds, 1e-9), 1),
                MillisecondsAt(50), MillisecondsAt(90), MillisecondsAt(99), MillisecondsAt(99.9),
                _histogram.TotalCount == 0 ? 0 : _histogram.GetMaxValue() / 1000.0,
                new SortedDictionary<string, long>(_failures, StringComparer.Ordinal));
        }
    }

    // The caller holds the lock.
    private double MillisecondsAt(double percentile) =>
        _histogram.TotalCount == 0 ? 0 : _histogram.GetValueAtPercentile(percentile) / 1000.0;
}
