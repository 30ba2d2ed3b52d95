using System.Diagnostics.CodeAnalysis;

namespace Blueprint.BuildingBlocks.Ids;

/// <summary>
/// Twitter's Snowflake (seed 003 §7): 64-bit IDs that sort by time, made with no coordination
/// between workers. Thread-safe and lock-free on the hot path.
/// </summary>
/// <remarks>
/// <para>Monotonic per generator: the last (timestamp, sequence) pair is one 64-bit word swapped with
/// compare-and-exchange, so no two callers ever get the same pair.</para>
/// <para>Clock steps back: the generator keeps the last timestamp and goes on counting its sequence;
/// when the sequence runs out it waits for the clock, at most <see cref="SnowflakeOptions.MaxClockRollback"/>
/// behind, and beyond that throws <see cref="ClockMovedBackwardsException"/>. It never issues a
/// timestamp lower than one it issued before, so it never repeats an ID.</para>
/// <para>Restarts: before issuing a timestamp beyond its reservation it saves a new reservation
/// <see cref="SnowflakeOptions.CheckpointAhead"/> ahead to the checkpoint, and a new generator starts
/// above the saved one, so a restart onto a clock that went back cannot repeat IDs either. A host
/// whose checkpoint is a network round trip calls <see cref="ReserveAheadAsync"/> on a timer, so that
/// while it issues the next reservation is saved before <see cref="Next"/> needs it.</para>
/// </remarks>
[SuppressMessage("Design", "CA1001", Justification = "Its SemaphoreSlim never creates a wait handle (AvailableWaitHandle is not used), so it holds nothing to dispose.")]
public sealed class SnowflakeGenerator : IIdGenerator<long>
{
    private readonly TimeProvider _time;
    private readonly ISnowflakeCheckpoint _checkpoint;
    private readonly long _epochUnixMilliseconds;
    private readonly int _sequenceBits;
    private readonly long _maxSequence;
    private readonly long _maxTimestamp;
    private readonly long _nodeBits;
    private readonly int _timestampShift;
    private readonly long _maxRollbackMilliseconds;
    private readonly long _aheadMilliseconds;
    private readonly long _startFloor;
    // One reservation is saved at a time, so the checkpoint's saved value never goes back.
    private readonly SemaphoreSlim _reserving = new(1, 1);
    private long _state;
    private long _reservedUntil;

    /// <summary>Creates a generator.</summary>
    /// <param name="options">Epoch, layout, datacenter and worker.</param>
    /// <param name="time">The clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="checkpoint">Where reservations are kept; in memory (forgotten on restart) when null.</param>
    /// <exception cref="ArgumentException">The epoch is in the future or an id does not fit its bits.</exception>
    public SnowflakeGenerator(SnowflakeOptions options, TimeProvider? time = null, ISnowflakeCheckpoint? checkpoint = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time ?? TimeProvider.System;
        _checkpoint = checkpoint ?? new InMemorySnowflakeCheckpoint();
        var layout = options.Layout ?? throw new ArgumentNullException(nameof(options), "SnowflakeOptions.Layout is null.");
        if (options.Epoch > _time.GetUtcNow())
        {
            throw InvalidOption.For(nameof(options.Epoch), $"The epoch {options.Epoch:O} is in the future; IDs count milliseconds since it.");
        }

        if (options.DatacenterId < 0 || options.DatacenterId > layout.MaxDatacenterId)
        {
            throw InvalidOption.For(nameof(options.DatacenterId), $"The datacenter id {options.DatacenterId} does not fit {layout.DatacenterBits} bits: 0 to {layout.MaxDatacenterId}.");
        }

        if (options.WorkerId < 0 || options.WorkerId > layout.MaxWorkerId)
        {
            throw InvalidOption.For(nameof(options.WorkerId), $"The worker id {options.WorkerId} does not fit {layout.WorkerBits} bits: 0 to {layout.MaxWorkerId}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxClockRollback, TimeSpan.Zero, nameof(options.MaxClockRollback));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CheckpointAhead, TimeSpan.FromMilliseconds(1), nameof(options.CheckpointAhead));

        Codec = new SnowflakeCodec(layout, options.Epoch);
        DatacenterId = options.DatacenterId;
        WorkerId = options.WorkerId;
        _epochUnixMilliseconds = options.Epoch.ToUnixTimeMilliseconds();
        _sequenceBits = layout.SequenceBits;
        _maxSequence = layout.MaxSequence;
        _maxTimestamp = layout.MaxTimestamp;
        _timestampShift = layout.TimestampShift;
        _nodeBits = ((long)options.DatacenterId << layout.DatacenterShift) | ((long)options.WorkerId << layout.WorkerShift);
        _maxRollbackMilliseconds = (long)options.MaxClockRollback.TotalMilliseconds;
        _aheadMilliseconds = (long)options.CheckpointAhead.TotalMilliseconds;

        // Everything up to the saved reservation may have been issued before a restart: start above it,
        // as if its last millisecond's sequence were used up.
        _startFloor = Math.Max(0, _checkpoint.Load());
        _reservedUntil = _startFloor;
        _state = (_startFloor << _sequenceBits) | _maxSequence;
    }

    /// <inheritdoc />
    public string Scheme => "snowflake";

    /// <summary>Decodes IDs of this generator's layout and epoch.</summary>
    public SnowflakeCodec Codec { get; }

    /// <summary>This generator's datacenter id.</summary>
    public int DatacenterId { get; }

    /// <summary>This generator's worker id.</summary>
    public int WorkerId { get; }

    /// <summary>How far ahead of the IDs it issues each saved reservation reaches.</summary>
    public TimeSpan CheckpointAhead => TimeSpan.FromMilliseconds(_aheadMilliseconds);

    /// <summary>The highest timestamp (milliseconds since the epoch) this generator has reserved, and so may have issued.</summary>
    public long ReservedUntil => Volatile.Read(ref _reservedUntil);

    /// <summary>How many times it waited for the clock: a full sequence or a clock that stepped back.</summary>
    public long ClockWaits => Volatile.Read(ref _clockWaits);

    private long _clockWaits;

    /// <inheritdoc />
    public ValueTask<long> NextAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Next());

    /// <summary>Issues the next ID.</summary>
    /// <exception cref="ClockMovedBackwardsException">The clock is further behind than the generator may wait.</exception>
    /// <exception cref="InvalidOperationException">The timestamp field is full: the epoch is too old for the layout.</exception>
    public long Next()
    {
        var wait = default(SpinWait);
        while (true)
        {
            var previous = Volatile.Read(ref _state);
            var previousTimestamp = previous >>> _sequenceBits;
            var now = NowMilliseconds();
            long next;
            if (now > previousTimestamp)
            {
                next = now << _sequenceBits;
            }
            else
            {
                ThrowIfTooFarBehind(previousTimestamp, now);
                if ((previous & _maxSequence) < _maxSequence)
                {
                    next = previous + 1;
                }
                else
                {
                    // The millisecond is used up: wait for the clock. Less than a millisecond away, so
                    // spin and yield (a sleep would waste most of the next millisecond's sequence);
                    // behind after a step back, spin until the wait falls back to sleeping.
                    Interlocked.Increment(ref _clockWaits);
                    if (now == previousTimestamp)
                    {
                        wait.SpinOnce(sleep1Threshold: -1);
                    }
                    else
                    {
                        wait.SpinOnce();
                    }

                    continue;
                }
            }

            var timestamp = next >>> _sequenceBits;
            if (timestamp > _maxTimestamp)
            {
                throw new InvalidOperationException($"The timestamp field is full: {timestamp} ms since the epoch do not fit {Codec.Layout.TimestampBits} bits. Choose a later epoch or a wider timestamp.");
            }

            if (timestamp > Volatile.Read(ref _reservedUntil))
            {
                Reserve(timestamp);
            }

            if (Interlocked.CompareExchange(ref _state, next, previous) == previous)
            {
                return (timestamp << _timestampShift) | _nodeBits | (next & _maxSequence);
            }
        }
    }

    private void ThrowIfTooFarBehind(long lastTimestamp, long now)
    {
        var behind = lastTimestamp - now;
        // Right after a restart the reservation may be up to CheckpointAhead ahead of a correct clock.
        var allowed = lastTimestamp <= _startFloor ? _maxRollbackMilliseconds + _aheadMilliseconds : _maxRollbackMilliseconds;
        if (behind > allowed)
        {
            throw new ClockMovedBackwardsException(
                $"The clock is {behind} ms behind the last timestamp this worker may have issued (datacenter {DatacenterId}, worker {WorkerId}); "
                + $"waiting is allowed up to {allowed} ms. Refusing rather than risk a duplicate ID.")
            {
                Behind = TimeSpan.FromMilliseconds(behind),
            };
        }
    }

    /// <summary>
    /// Saves the next reservation now, off the hot path, when IDs were issued within the last
    /// <see cref="SnowflakeOptions.CheckpointAhead"/> and the current reservation ends within half of
    /// it: called on a timer (a few times per CheckpointAhead), it keeps <see cref="Next"/> from ever
    /// waiting on the checkpoint while IDs flow. An idle generator saves nothing; its next ID pays
    /// for the reservation as before.
    /// </summary>
    /// <returns>Whether a reservation was saved.</returns>
    public async ValueTask<bool> ReserveAheadAsync(CancellationToken cancellationToken = default)
    {
        var now = NowMilliseconds();
        var lastIssued = Volatile.Read(ref _state) >>> _sequenceBits;
        if (lastIssued <= _startFloor || lastIssued < now - _aheadMilliseconds || ReservedFarEnough(now))
        {
            return false;
        }

        await _reserving.WaitAsync(cancellationToken);
        try
        {
            now = NowMilliseconds();
            if (ReservedFarEnough(now))
            {
                return false; // Next() reserved meanwhile
            }

            var reservation = Math.Min(now + _aheadMilliseconds, _maxTimestamp);
            await _checkpoint.SaveAsync(reservation, cancellationToken);
            Volatile.Write(ref _reservedUntil, reservation);
            return true;
        }
        finally
        {
            _reserving.Release();
        }
    }

    // The reservation reaches more than half of CheckpointAhead past now: no need to save ahead yet.
    private bool ReservedFarEnough(long now) => now + (_aheadMilliseconds / 2) < Volatile.Read(ref _reservedUntil);

    private long NowMilliseconds() => _time.GetUtcNow().ToUnixTimeMilliseconds() - _epochUnixMilliseconds;

    private void Reserve(long timestamp)
    {
        _reserving.Wait();
        try
        {
            if (timestamp > _reservedUntil)
            {
                var reservation = Math.Min(timestamp + _aheadMilliseconds, _maxTimestamp);
                _checkpoint.Save(reservation);
                Volatile.Write(ref _reservedUntil, reservation);
            }
        }
        finally
        {
            _reserving.Release();
        }
    }
}
