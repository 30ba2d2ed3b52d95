using Blueprint.BuildingBlocks.Caching;

namespace Blueprint.BuildingBlocks.Tests.Caching;

public sealed class TraceSimulationTests
{
    [Fact]
    public void Zipf_IsSkewedTowardsLowKeys()
    {
        var trace = KeyTraces.Zipf(100_000, 10_000);
        var top100 = trace.Count(k => k < 100) / (double)trace.Length;
        Assert.InRange(top100, 0.45, 0.6);
        Assert.All(trace, k => Assert.InRange(k, 0, 9_999));
    }

    [Fact]
    public void Shifting_UsesANewKeyRangeEachPhase()
    {
        var trace = KeyTraces.Shifting(40_000, 1000, phases: 4);
        Assert.All(trace[..10_000], k => Assert.InRange(k, 0, 999));
        Assert.All(trace[30_000..], k => Assert.InRange(k, 3000, 3999));
    }

    [Fact]
    public void FromLines_MapsEachDistinctKeyToOneId()
    {
        Assert.Equal([0, 1, 0, 2], KeyTraces.FromLines(["a", "b", " a ", "", "c"]));
    }

    [Fact]
    public void Run_OnZipf_LfuBeatsLruBeatsFifo_AndBiggerIsBetter()
    {
        var trace = KeyTraces.Zipf(200_000, 20_000);
        var results = TraceSimulation.Run(trace, [200, 2000]).ToDictionary(r => (r.Policy, r.Size), r => r.HitRatio);

        Assert.True(results[(EvictionPolicy.Lfu, 200)] > results[(EvictionPolicy.Lru, 200)]);
        Assert.True(results[(EvictionPolicy.Lru, 200)] > results[(EvictionPolicy.Fifo, 200)]);
        Assert.True(results[(EvictionPolicy.SegmentedLru, 200)] > results[(EvictionPolicy.Lru, 200)]);
        Assert.All(Enum.GetValues<EvictionPolicy>(), p => Assert.True(results[(p, 2000)] > results[(p, 200)]));
    }

    [Fact]
    public void Run_OnAShiftingTrace_AgedLfuDoesNotCollapse()
    {
        var trace = KeyTraces.Shifting(200_000, 20_000, phases: 5);
        var results = TraceSimulation.Run(trace, [1000]).ToDictionary(r => r.Policy, r => r.HitRatio);

        Assert.True(results[EvictionPolicy.Lfu] > 0.9 * results[EvictionPolicy.Lru], $"LFU {results[EvictionPolicy.Lfu]:P1} vs LRU {results[EvictionPolicy.Lru]:P1}");
    }

    [Theory]
    [InlineData("1k,10k,1m", new[] { 1000, 10_000, 1_000_000 })]
    [InlineData(" 5 , 50 ", new[] { 5, 50 })]
    public void ParseSizes_ReadsPlainAndSuffixedSizes(string text, int[] expected) =>
        Assert.Equal(expected, TraceSimulation.ParseSizes(text));

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("5000m")]
    public void ParseSizes_RefusesWhatIsNotASize(string text) =>
        Assert.Throws<FormatException>(() => TraceSimulation.ParseSizes(text));
}
