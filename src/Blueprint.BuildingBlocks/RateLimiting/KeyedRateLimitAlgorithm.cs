using System.Collections.Concurrent;

namespace Blueprint.BuildingBlocks.RateLimiting;

/// <summary>
/// The per-key state every in-process algorithm keeps, with the shared plumbing: validation, the
/// clock in milliseconds, one lock per key (keys never contend with each other), and purging.
/// </summary>
public abstract class KeyedRateLimitAlgorithm<TState> : IRateLimitAlgorithm, IBatchableAlgorithm
    where TState : KeyState
{
    private static long _instances;
    private readonly ConcurrentDictionary<string, TState> _states = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    // The clock is read as a monotonic timestamp from a wall-clock anchor taken at construction:
    // cheaper than building a DateTimeOffset per decision, and immune to the wall clock stepping back.
    private readonly long _anchorTimestamp;
    private readonly double _anchorMilliseconds;
    private readonly double _millisecondsPerTick;

    // On the system clock, Environment.TickCount64 (the kernel's coarse monotonic clock, a few ms of
    // resolution, nearly free to read) replaces the precise one, which costs more than the decision.
    private readonly bool _coarse;

    /// <summary>Creates the algorithm for <paramref name="limit"/>.</summary>
    protected KeyedRateLimitAlgorithm(RateLimit limit, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(limit);
        limit.Validate();
        Limit = limit;
        WindowMilliseconds = limit.Window.TotalMilliseconds;
        _time = time ?? TimeProvider.System;
        _coarse = ReferenceEquals(_time, TimeProvider.System);
        _anchorTimestamp = _coarse ? Environment.TickCount64 : _time.GetTimestamp();
        _anchorMilliseconds = (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMilliseconds;
        _millisecondsPerTick = _coarse ? 1 : 1000.0 / _time.TimestampFrequency;
        Order = Interlocked.Increment(ref _instances);
    }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public RateLimit Limit { get; }

    /// <summary>The window in milliseconds.</summary>
    protected double WindowMilliseconds { get; }

    /// <summary>How many keys have state now.</summary>
    public int KeyCount => _states.Count;

    /// <inheritdoc />
    public RateLimitDecision Acquire(string key, long cost = 1, bool canWait = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(cost, 1);
        var state = StateOf(key);
        lock (state.Gate)
        {
            return Decide(state, Now(), cost, canWait, commit: true);
        }
    }

    /// <inheritdoc />
    public long Order { get; }

    KeyState IBatchableAlgorithm.StateOf(string key) => StateOf(key);

    RateLimitDecision IBatchableAlgorithm.DecideLocked(KeyState state, long cost, bool canWait, bool commit) =>
        Decide((TState)state, Now(), cost, canWait, commit);

    /// <inheritdoc />
    public ValueTask<RateLimitDecision> AcquireAsync(string key, long cost = 1, bool canWait = false, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Acquire(key, cost, canWait));

    /// <inheritdoc />
    public int Purge()
    {
        var now = Now();
        var purged = 0;
        foreach (var (key, state) in _states)
        {
            bool idle;
            lock (state.Gate)
            {
                idle = IsIdle(state, now);
            }

            // A key used between the check and the removal loses only state that was at full budget.
            if (idle && _states.TryRemove(new KeyValuePair<string, TState>(key, state)))
            {
                purged++;
            }
        }

        return purged;
    }

    /// <summary>Fresh state for a key never seen (or purged).</summary>
    protected abstract TState NewState();

    /// <summary>
    /// The decision, under the key's lock, at <paramref name="now"/> (Unix milliseconds). With
    /// <paramref name="commit"/> false it only says whether the request would be admitted, spending
    /// nothing: the first pass of a decision over several limits.
    /// </summary>
    protected abstract RateLimitDecision Decide(TState state, double now, long cost, bool canWait, bool commit);

    /// <summary>True when the key's state is back at a full budget and can be forgotten.</summary>
    protected abstract bool IsIdle(TState state, double now);

    /// <summary>Milliseconds as a span.</summary>
    protected static TimeSpan Milliseconds(double value) => TimeSpan.FromMilliseconds(Math.Max(0, Math.Ceiling(value)));

    private TState StateOf(string key) =>
        _states.TryGetValue(key, out var state) ? state : _states.GetOrAdd(key, static (_, self) => self.NewState(), this);

    private double Now() => _anchorMilliseconds + (((_coarse ? Environment.TickCount64 : _time.GetTimestamp()) - _anchorTimestamp) * _millisecondsPerTick);
}
