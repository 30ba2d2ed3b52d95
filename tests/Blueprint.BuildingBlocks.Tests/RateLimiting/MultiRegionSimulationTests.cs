using Blueprint.BuildingBlocks.RateLimiting;

namespace Blueprint.BuildingBlocks.Tests.RateLimiting;

public sealed class MultiRegionSimulationTests
{
    private static readonly RateLimit ThousandPerSecond = new(1000, TimeSpan.FromSeconds(1));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void CountersInSync_AdmitExactlyTheLimit(int regions)
    {
        var result = MultiRegionSimulation.Run(regions, ThousandPerSecond, offeredPerRegion: 1000, TimeSpan.Zero);

        Assert.Equal(1000, result.MostInAWindow);
        Assert.Equal(10_000, result.Admitted);
        Assert.Equal(regions * 10_000, result.Offered);
        Assert.Equal(0, result.OverAdmission);
    }

    [Theory]
    [InlineData(2, 50)]
    [InlineData(3, 100)]
    [InlineData(5, 20)]
    public void LateCounters_OverAdmitByTheOtherRegionsTrafficDuringTheDelay(int regions, int delayMilliseconds)
    {
        var result = MultiRegionSimulation.Run(regions, ThousandPerSecond, offeredPerRegion: 1000, TimeSpan.FromMilliseconds(delayMilliseconds));

        // (regions - 1) × 1 request per ms × the delay, give or take one request per region.
        var expected = 1000 + ((regions - 1) * delayMilliseconds);
        Assert.InRange(result.MostInAWindow, expected - regions, expected + regions);
    }

    [Fact]
    public void AVeryLateSync_OverAdmitsAtMostOneLimitPerRegion()
    {
        var result = MultiRegionSimulation.Run(3, ThousandPerSecond, offeredPerRegion: 5000, TimeSpan.FromSeconds(30));

        Assert.Equal(3000, result.MostInAWindow);
        Assert.Equal(2.0, result.OverAdmission, 3);
    }

    [Fact]
    public void BadParameters_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MultiRegionSimulation.Run(0, ThousandPerSecond, 10, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => MultiRegionSimulation.Run(2, ThousandPerSecond, 10, TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => MultiRegionSimulation.Run(2, ThousandPerSecond, 0, TimeSpan.Zero));
    }
}
