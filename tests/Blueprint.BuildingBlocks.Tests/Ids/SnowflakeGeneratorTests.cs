using Blueprint.BuildingBlocks.Ids;
using Microsoft.Extensions.Time.Testing;

namespace Blueprint.BuildingBlocks.Tests.Ids;

public sealed class SnowflakeGeneratorTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static SnowflakeGenerator Generator(TimeProvider time, int worker = 1, int datacenter = 2, ISnowflakeCheckpoint? checkpoint = null, TimeSpan? maxRollback = null) =>
        new(new SnowflakeOptions { Epoch = Epoch, DatacenterId = datacenter, WorkerId = worker, MaxClockRollback = maxRollback ?? TimeSpan.FromMilliseconds(50) }, time, checkpoint);

    [Fact]
    public void Next_TenMillionIdsFromEightThreads_NoDuplicateAndEachThreadSeesThemRise()
    {
        var generator = new SnowflakeGenerator(new SnowflakeOptions { WorkerId = 3 });
        const int threads = 8;
        const int perThread = 1_250_000;
        var batches = new long[threads][];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var ids = new long[perThread];
            for (var i = 0; i < perThread; i++)
            {
                ids[i] = generator.Next();
            }

            batches[t] = ids;
        });

        foreach (var batch in batches)
        {
            for (var i = 1; i < batch.Length; i++)
            {
                Assert.True(batch[i] > batch[i - 1], $"IDs issued one after another went down: {batch[i - 1]} then {batch[i]}.");
            }
        }

        var all = batches.SelectMany(b => b).ToArray();
        Array.Sort(all);
        for (var i = 1; i < all.Length; i++)
        {
            Assert.NotEqual(all[i - 1], all[i]);
        }

        Assert.Equal(threads * perThread, all.Length);
    }

    [Fact]
    public async Task Next_SequenceExhausted_WaitsForTheNextMillisecond()
    {
        var time = new FakeTimeProvider(Now);
        var generator = Generator(time);
        var first = generator.Codec.Decode(generator.Next());
        for (var i = 1; i <= generator.Codec.Layout.MaxSequence; i++)
        {
            generator.Next();
        }

        var waiting = Task.Run(generator.Next);
        await Poll.NeverAsync(() => waiting.IsCompleted, "The 4097th ID of one millisecond was issued without waiting for the clock", 100);

        time.Advance(TimeSpan.FromMilliseconds(1));
        var next = generator.Codec.Decode(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(first.MillisecondsSinceEpoch + 1, next.MillisecondsSinceEpoch);
        Assert.Equal(0, next.Sequence);
        Assert.True(generator.ClockWaits > 0);
    }

    [Fact]
    public void Next_ClockStepsBackWithinTheBound_KeepsCountingWithoutDuplicates()
    {
        var time = new FakeTimeProvider(Now);
        var generator = Generator(time);
        var before = generator.Next();
        time.AdjustTime(Now.AddMilliseconds(-20));

        var after = Enumerable.Range(0, 100).Select(_ => generator.Next()).ToList();

        Assert.All(after, id => Assert.True(id > before));
        Assert.Equal(after.Order(), after);
        Assert.Equal(generator.Codec.Decode(before).Timestamp, generator.Codec.Decode(after[^1]).Timestamp);
    }

    [Fact]
    public void Next_ClockStepsBackBeyondTheBound_RefusesWithTheGap()
    {
        var time = new FakeTimeProvider(Now);
        var generator = Generator(time);
        var before = generator.Next();
        time.AdjustTime(Now.AddSeconds(-5));

        var error = Assert.Throws<ClockMovedBackwardsException>(() => generator.Next());

        Assert.Equal(TimeSpan.FromSeconds(5), error.Behind);
        Assert.Contains("worker 1", error.Message, StringComparison.Ordinal);
        time.AdjustTime(Now.AddMilliseconds(1));
        Assert.True(generator.Next() > before, "Once the clock is back, IDs go on rising.");
    }

    [Fact]
    public void Next_RestartOntoAClockThatWentBack_StartsAboveEverythingIssuedBefore()
    {
        var checkpoint = new InMemorySnowflakeCheckpoint();
        var time = new FakeTimeProvider(Now);
        var first = Generator(time, checkpoint: checkpoint);
        var issued = Enumerable.Range(0, 1000).Select(_ => first.Next()).Max();

        // The process restarts 300 ms earlier by its clock (a rollback it may wait out); time moves on 1 ms per reading.
        var restarted = new FakeTimeProvider(Now.AddMilliseconds(-300)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        var second = Generator(restarted, checkpoint: checkpoint, maxRollback: TimeSpan.FromMilliseconds(500));
        var next = second.Next();

        Assert.True(next > issued, $"After the restart {next} is not above {issued}, issued before it.");
        Assert.True(second.Codec.Decode(next).MillisecondsSinceEpoch > first.ReservedUntil - 1);
    }

    [Fact]
    public void Next_PlainRestartRightAway_WaitsOutTheReservationInsteadOfFailing()
    {
        var checkpoint = new InMemorySnowflakeCheckpoint();
        var first = Generator(new FakeTimeProvider(Now), checkpoint: checkpoint);
        var issued = first.Next();

        var restarted = new FakeTimeProvider(Now.AddMilliseconds(5)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        var next = Generator(restarted, checkpoint: checkpoint).Next();

        Assert.True(next > issued);
    }

    [Fact]
    public void Next_RestartOntoAClockFarBehindTheCheckpoint_Refuses()
    {
        var checkpoint = new InMemorySnowflakeCheckpoint();
        var first = Generator(new FakeTimeProvider(Now), checkpoint: checkpoint);
        first.Next();

        var second = Generator(new FakeTimeProvider(Now.AddHours(-1)), checkpoint: checkpoint);

        Assert.Throws<ClockMovedBackwardsException>(() => second.Next());
    }

    [Fact]
    public void Next_SavesTheCheckpointOncePerReservationNotPerId()
    {
        var checkpoint = new InMemorySnowflakeCheckpoint();
        var time = new FakeTimeProvider(Now);
        var generator = Generator(time, checkpoint: checkpoint);
        for (var ms = 0; ms < 2500; ms++)
        {
            generator.Next();
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.InRange(checkpoint.Saves, 3, 4);
        Assert.True(checkpoint.Load() >= generator.Codec.Decode(generator.Next()).MillisecondsSinceEpoch);
    }

    [Fact]
    public void Next_IdsOfManyWorkersSortByTime()
    {
        var time = new FakeTimeProvider(Now);
        var workers = Enumerable.Range(0, 4).Select(w => Generator(time, worker: w)).ToList();
        var issued = new List<(long Id, int Millisecond)>();
        for (var ms = 0; ms < 50; ms++)
        {
            foreach (var worker in workers.OrderBy(_ => Random.Shared.Next()))
            {
                issued.Add((worker.Next(), ms));
            }

            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        var byId = issued.OrderBy(i => i.Id).Select(i => i.Millisecond).ToList();
        Assert.Equal(byId.Order(), byId);
    }

    [Fact]
    public void Decode_GivesBackTheFieldsTheIdWasMadeOf()
    {
        var time = new FakeTimeProvider(Now);
        var generator = Generator(time, worker: 17, datacenter: 9);
        generator.Next();
        var parts = generator.Codec.Decode(generator.Next());

        Assert.Equal(Now, parts.Timestamp);
        Assert.Equal(9, parts.DatacenterId);
        Assert.Equal(17, parts.WorkerId);
        Assert.Equal(1, parts.Sequence);
        Assert.Equal(parts.Id, generator.Codec.Compose(parts.MillisecondsSinceEpoch, 9, 17, 1));
    }

    [Fact]
    public void Decode_ATweetIdWithTwittersEpoch_GivesItsTime()
    {
        // The first tweet ID announced with Snowflake's launch era layout; its time is public.
        var codec = new SnowflakeCodec(SnowflakeLayout.Twitter, SnowflakeOptions.TwitterEpoch);
        var parts = codec.Decode(1_288_834_974_657L << 22);

        Assert.Equal(SnowflakeOptions.TwitterEpoch.AddMilliseconds(1_288_834_974_657), parts.Timestamp);
        Assert.Equal(0, parts.Sequence);
    }

    [Fact]
    public void Layout_CanTradeWorkerBitsForSequenceBits()
    {
        var layout = new SnowflakeLayout(41, 0, 8, 14);
        var generator = new SnowflakeGenerator(new SnowflakeOptions { Layout = layout, WorkerId = 255 }, new FakeTimeProvider(Now));
        var ids = Enumerable.Range(0, 16_384).Select(_ => generator.Next()).ToList();

        Assert.Equal(16_384, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(255, generator.Codec.Decode(id).WorkerId));
        Assert.Equal(0, generator.ClockWaits);
    }

    [Theory]
    [InlineData(41, 5, 5, 11)]
    [InlineData(41, 5, 5, 13)]
    [InlineData(20, 20, 11, 12)]
    public void Layout_NotSixtyThreeBits_IsRefused(int timestamp, int datacenter, int worker, int sequence) =>
        Assert.ThrowsAny<ArgumentException>(() => new SnowflakeLayout(timestamp, datacenter, worker, sequence));

    [Fact]
    public void Constructor_EpochInTheFuture_NamesTheEpoch()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new SnowflakeGenerator(new SnowflakeOptions { Epoch = Now.AddDays(1) }, new FakeTimeProvider(Now)));
        Assert.Equal("Epoch", error.ParamName);
    }

    [Theory]
    [InlineData(32, 0, "WorkerId")]
    [InlineData(-1, 0, "WorkerId")]
    [InlineData(0, 32, "DatacenterId")]
    public void Constructor_IdThatDoesNotFitItsBits_NamesIt(int worker, int datacenter, string parameter)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Generator(new FakeTimeProvider(Now), worker, datacenter));
        Assert.Equal(parameter, error.ParamName);
    }
}
