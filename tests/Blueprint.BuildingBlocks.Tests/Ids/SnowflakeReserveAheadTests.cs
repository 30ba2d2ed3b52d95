using Blueprint.BuildingBlocks.Ids;
using Microsoft.Extensions.Time.Testing;

namespace Blueprint.BuildingBlocks.Tests.Ids;

/// <summary>
/// <see cref="SnowflakeGenerator.ReserveAheadAsync"/>: the next reservation saved off the hot path,
/// so that <see cref="SnowflakeGenerator.Next"/> does not wait on a slow checkpoint while IDs flow.
/// </summary>
public sealed class SnowflakeReserveAheadTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static SnowflakeGenerator Generator(TimeProvider time, ISnowflakeCheckpoint checkpoint, TimeSpan? ahead = null) =>
        new(new SnowflakeOptions { Epoch = Epoch, WorkerId = 4, CheckpointAhead = ahead ?? TimeSpan.FromSeconds(1) }, time, checkpoint);

    [Fact]
    public async Task WhileIdsFlow_TheNextReservationIsSavedBeforeNextNeedsIt()
    {
        var checkpoint = new RecordingCheckpoint();
        var time = new FakeTimeProvider(Now);
        var generator = Generator(time, checkpoint);
        var saved = 0;

        // Three seconds of an ID a millisecond, with the timer's call every 250 ms.
        for (var ms = 0; ms < 3000; ms++)
        {
            var id = generator.Next();
            Assert.True(generator.Codec.Decode(id).MillisecondsSinceEpoch <= checkpoint.Load(), "An ID was issued past the saved reservation.");
            time.Advance(TimeSpan.FromMilliseconds(1));
            if (ms % 250 == 249 && await generator.ReserveAheadAsync())
            {
                saved++;
            }
        }

        // Only the first ID waited on a save; every later reservation was saved ahead (about one per half second).
        Assert.Equal(1, checkpoint.SavesOnTheHotPath);
        Assert.InRange(saved, 5, 7);
        Assert.Equal(saved, checkpoint.SavesAhead);
    }

    [Fact]
    public async Task AnIdleGenerator_SavesNothing()
    {
        var checkpoint = new RecordingCheckpoint();
        var time = new FakeTimeProvider(Now);
        var generator = Generator(time, checkpoint);

        Assert.False(await generator.ReserveAheadAsync()); // nothing issued yet
        generator.Next();
        time.Advance(TimeSpan.FromSeconds(2));             // and nothing for longer than CheckpointAhead

        Assert.False(await generator.ReserveAheadAsync());
        Assert.Equal(0, checkpoint.SavesAhead);
        Assert.Equal(1, checkpoint.SavesOnTheHotPath);
    }

    [Fact]
    public async Task AReservationThatReachesFarEnough_IsNotSavedAgain()
    {
        var checkpoint = new RecordingCheckpoint();
        var time = new FakeTimeProvider(Now);
        var generator = Generator(time, checkpoint);
        generator.Next();
        var reserved = generator.ReservedUntil;

        time.Advance(TimeSpan.FromMilliseconds(400)); // 600 ms of the reservation left: more than half

        Assert.False(await generator.ReserveAheadAsync());
        Assert.Equal(reserved, generator.ReservedUntil);
    }

    [Fact]
    public async Task RacingNextOnFourThreads_SavedReservationsNeverOverlapOrGoBack_AndCoverEveryId()
    {
        // A 4 ms reservation on the real clock, saves that take a millisecond or two, the timer
        // called without pause: Next() and the timer both reserve, often at once. The saves must never
        // overlap (or a late, lower one could land last), never go back, and cover every ID issued.
        var checkpoint = new RecordingCheckpoint(slow: true);
        var generator = Generator(TimeProvider.System, checkpoint, TimeSpan.FromMilliseconds(4));
        var issued = 0L;
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(600));
        var reserving = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await generator.ReserveAheadAsync();
                await Task.Yield();
            }
        });
        // Threads of their own, so that the timer's loop on the pool is not starved by them.
        var issuers = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
        {
            var last = 0L;
            for (var i = 0; i < 5_000_000 && !stop.IsCancellationRequested; i++)
            {
                var id = generator.Next();
                var timestamp = generator.Codec.Decode(id).MillisecondsSinceEpoch;
                Assert.True(timestamp <= checkpoint.Load(), $"ID at {timestamp} ms issued past the saved reservation {checkpoint.Load()}.");
                Assert.True(id > last, "IDs of one thread went back.");
                last = id;
                Interlocked.Increment(ref issued);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        await Task.WhenAll(issuers);
        await reserving;

        Assert.Equal(0, checkpoint.Overlaps);
        Assert.Equal(checkpoint.Values.Order(), checkpoint.Values);
        Assert.Equal(checkpoint.Values.Count, checkpoint.Values.Distinct().Count());
        Assert.True(checkpoint.SavesAhead > 0, $"The timer saved {checkpoint.SavesAhead} reservations; the race was not run.");
        Assert.True(checkpoint.SavesOnTheHotPath > 0, $"Next() saved {checkpoint.SavesOnTheHotPath} reservations; the race was not run.");
        Assert.True(issued > 0);
    }

    /// <summary>Records every save, from which path it came, and whether two ever ran at once.</summary>
    private sealed class RecordingCheckpoint(bool slow = false) : ISnowflakeCheckpoint
    {
        private readonly Lock _lock = new();
        private readonly List<long> _values = [];
        private long _saved;
        private int _saving;
        private int _overlaps;

        public int SavesOnTheHotPath { get; private set; }

        public int SavesAhead { get; private set; }

        public int Overlaps => Volatile.Read(ref _overlaps);

        public IReadOnlyList<long> Values
        {
            get
            {
                lock (_lock)
                {
                    return [.. _values];
                }
            }
        }

        public long Load() => Volatile.Read(ref _saved);

        public void Save(long reservedUntilMilliseconds)
        {
            Enter();
            if (slow)
            {
                Thread.Sleep(1);
            }

            Leave(reservedUntilMilliseconds, ahead: false);
        }

        public async ValueTask SaveAsync(long reservedUntilMilliseconds, CancellationToken cancellationToken)
        {
            Enter();
            if (slow)
            {
                await Task.Delay(2, cancellationToken);
            }

            Leave(reservedUntilMilliseconds, ahead: true);
        }

        private void Enter()
        {
            if (Interlocked.Increment(ref _saving) > 1)
            {
                Interlocked.Increment(ref _overlaps);
            }
        }

        private void Leave(long value, bool ahead)
        {
            lock (_lock)
            {
                _values.Add(value);
                Volatile.Write(ref _saved, value);
                (SavesAhead, SavesOnTheHotPath) = ahead ? (SavesAhead + 1, SavesOnTheHotPath) : (SavesAhead, SavesOnTheHotPath + 1);
            }

            Interlocked.Decrement(ref _saving);
        }
    }
}
