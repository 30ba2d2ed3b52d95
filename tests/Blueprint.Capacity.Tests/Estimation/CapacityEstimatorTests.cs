using Blueprint.Capacity.Estimation;

namespace Blueprint.Capacity.Tests.Estimation;

public sealed class CapacityEstimatorTests
{
    [Fact]
    public void Estimate_UrlShortenerPreset_ReproducesSeed000Section8_2()
    {
        var estimate = CapacityEstimator.Estimate(CapacityPresets.UrlShortener.Inputs);

        Assert.Equal(1000, estimate.Average.Reads, precision: 9);
        Assert.Equal(100, estimate.Average.Writes, precision: 9);
        Assert.Equal(1100, estimate.Average.Total, precision: 9);
        Assert.Equal(200e3, estimate.AverageBandwidth.ReadBytesPerSecond, precision: 6);
        Assert.Equal(20e3, estimate.AverageBandwidth.WriteBytesPerSecond, precision: 6);
        // "20000 Bytes * (3600*24*365) * 1 = 630 GB"
        Assert.Equal(20_000d * 3600 * 24 * 365, estimate.StorageBytesPerYear, precision: 0);
        Assert.Equal("631 GB", SiUnits.Bytes(estimate.StorageBytesPerYear));
        Assert.Null(estimate.StoredDataBytes);
    }

    [Fact]
    public void Estimate_DropboxPreset_ReproducesSeed000Section8_3()
    {
        var estimate = CapacityEstimator.Estimate(CapacityPresets.Dropbox.Inputs);

        Assert.Equal(4000, estimate.Peak.Writes, precision: 9);
        Assert.Equal(40000, estimate.Peak.Reads, precision: 9);
        Assert.Equal(44000, estimate.Peak.Total, precision: 9);
        Assert.Equal(400e6, estimate.PeakBandwidth.WriteBytesPerSecond, precision: 3);
        Assert.Equal(4e9, estimate.PeakBandwidth.ReadBytesPerSecond, precision: 3);
        Assert.Equal("4.4 GB/s", SiUnits.Bytes(estimate.PeakBandwidth.TotalBytesPerSecond, "/s"));
        // The seed's own line: 5*10^8 users * 100 files * 1 MB * 3 = 15*10^10 MB. That is 1.5e17 bytes:
        // 150,000 TB (150 PB). The seed writes "15000 TB", a slip of one power of ten; we keep the arithmetic.
        Assert.Equal(15e10 * 1e6, estimate.StoredDataBytes!.Value, precision: 0);
        Assert.Equal("150 PB", SiUnits.Bytes(estimate.StoredDataBytes.Value));
    }

    [Fact]
    public void Estimate_TodoPreset_GivesThePeakTheTodoDocsPlanFor()
    {
        var estimate = CapacityEstimator.Estimate(CapacityPresets.Todo.Inputs);

        Assert.Equal(2000, estimate.Average.Reads, precision: 9);
        Assert.Equal(6000, estimate.Peak.Reads, precision: 9);
        Assert.Equal(1200, estimate.Peak.Writes, precision: 9);
    }

    [Fact]
    public void Estimate_SeedRounding_UsesTwoHundredMillionSecondsPerFiveYears()
    {
        var estimate = CapacityEstimator.Estimate(CapacityPresets.UrlShortener.Inputs);

        Assert.Equal(20e3 * 2e8, estimate.StorageBytesOverRetention, precision: 0);
        Assert.Equal(1e5, estimate.SecondsPerDay);
    }

    [Fact]
    public void Estimate_ExactRounding_UsesRealSecondsAndDays()
    {
        var estimate = CapacityEstimator.Estimate(CapacityPresets.UrlShortener.Inputs with { Rounding = Rounding.Exact, RetentionYears = 2 });

        Assert.Equal(1e8 / 86_400, estimate.Average.Reads, precision: 9);
        Assert.Equal(estimate.StorageBytesPerYear * 2, estimate.StorageBytesOverRetention, precision: 0);
        Assert.Equal(estimate.StorageBytesPerSecond * 86_400 * 365.25, estimate.StorageBytesPerYear, precision: 0);
    }

    [Fact]
    public void Estimate_EveryFigure_HasAStepWithItsFormula()
    {
        var estimate = CapacityEstimator.Estimate(CapacityPresets.Dropbox.Inputs);

        Assert.Contains(estimate.Steps, s => s.Figure == "peak total/s" && s.Value == estimate.Peak.Total);
        Assert.Contains(estimate.Steps, s => s.Figure == "stored data" && s.Formula.Contains("replication", StringComparison.Ordinal));
        Assert.All(estimate.Steps, s => Assert.False(string.IsNullOrWhiteSpace(s.Formula)));
    }

    [Theory]
    [InlineData(0, 1, 200, nameof(CapacityInputs.DailyActiveUsers))]
    [InlineData(-5, 1, 200, nameof(CapacityInputs.DailyActiveUsers))]
    [InlineData(1e6, 0, 200, nameof(CapacityInputs.InteractionsPerUser))]
    [InlineData(1e6, 1, double.NaN, nameof(CapacityInputs.RequestSizeBytes))]
    [InlineData(1e6, 1, double.PositiveInfinity, nameof(CapacityInputs.RequestSizeBytes))]
    public void Estimate_NonPositiveOrNonFiniteInput_IsRefusedNamingIt(double users, double interactions, double size, string input)
    {
        var inputs = new CapacityInputs { DailyActiveUsers = users, InteractionsPerUser = interactions, RequestSizeBytes = size };

        Assert.Contains(input, inputs.Validate().Keys);
        var error = Assert.Throws<ArgumentException>(() => CapacityEstimator.Estimate(inputs));
        Assert.Equal(input, error.ParamName);
    }

    [Fact]
    public void Validate_SaysEachProblemWithTheFormsLabel_NotTheFieldsName()
    {
        var errors = new CapacityInputs { DailyActiveUsers = 0, InteractionsPerUser = 1, RequestSizeBytes = 200, PeakFactor = 0.5, TotalUsers = 1e9 }.Validate();

        Assert.Equal("Daily active users must be a positive number; it is 0.", errors[nameof(CapacityInputs.DailyActiveUsers)]);
        Assert.StartsWith("Peak factor must be at least 1", errors[nameof(CapacityInputs.PeakFactor)], StringComparison.Ordinal);
        Assert.Contains("Total users, Items per user and Item size", errors["StoredData"], StringComparison.Ordinal);
        Assert.All(errors.Values, message => Assert.DoesNotContain("DailyActiveUsers", message, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PeakFactorBelowOne_IsRefused() =>
        Assert.Contains(nameof(CapacityInputs.PeakFactor), (CapacityPresets.UrlShortener.Inputs with { PeakFactor = 0.5 }).Validate().Keys);

    [Fact]
    public void Validate_PartOfTheStoredDataFigures_IsRefused() =>
        Assert.Contains("StoredData", (CapacityPresets.UrlShortener.Inputs with { TotalUsers = 1e9 }).Validate().Keys);

    [Fact]
    public void Presets_AreAllValid_AndFoundByName()
    {
        Assert.All(CapacityPresets.All, p => Assert.Empty(p.Inputs.Validate()));
        Assert.Same(CapacityPresets.Dropbox, CapacityPresets.Find("DROPBOX"));
        Assert.Null(CapacityPresets.Find("nope"));
    }
}
