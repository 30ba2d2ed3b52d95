namespace Blueprint.Capacity.Estimation;

/// <summary>
/// Back-of-the-envelope capacity estimation as seed 000 §2 teaches it: requests per day = DAU ×
/// interactions; RPS = RPD ÷ seconds a day; the other side from the read:write ratio; peak = RPS ×
/// peak factor; bandwidth = RPS × request size; storage = write RPS × request size × replication.
/// </summary>
public static class CapacityEstimator
{
    /// <summary>Seed 000 §2.1: "Requests per second = RPD / 10^5".</summary>
    public const double SeedSecondsPerDay = 1e5;

    /// <summary>Seed 000 §2.3: "Storage capacity in 5 years = Storage capacity per second * 2*10^8".</summary>
    public const double SeedSecondsInFiveYears = 2e8;

    /// <summary>Seed 000 §8.2 multiplies by 3600 × 24 × 365 for a year.</summary>
    public const double SeedSecondsPerYear = 3600d * 24 * 365;

    public const double ExactSecondsPerDay = 86_400;

    public const double ExactSecondsPerYear = 86_400 * 365.25;

    /// <summary>Estimates capacity; throws <see cref="ArgumentException"/> naming the first bad input.</summary>
    public static CapacityEstimate Estimate(CapacityInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors.Values), errors.Keys.First());
        }

        var seed = inputs.Rounding == Rounding.Seed;
        var secondsPerDay = seed ? SeedSecondsPerDay : ExactSecondsPerDay;
        var steps = new List<EstimateStep>();
        double Step(string figure, string formula, double value, string unit)
        {
            steps.Add(new EstimateStep(figure, formula, value, unit));
            return value;
        }

        var perDay = seed ? "10^5 s/day (seed 000 §2.1)" : "86,400 s/day";
        var interactionsPerSecond = inputs.DailyActiveUsers * inputs.InteractionsPerUser / secondsPerDay;
        double reads, writes;
        if (inputs.InteractionsAre == InteractionKind.Reads)
        {
            reads = Step("reads/s", $"DAU × interactions ÷ {perDay}", interactionsPerSecond, "req/s");
            writes = Step("writes/s", "reads/s ÷ read:write ratio", reads / inputs.ReadWriteRatio, "req/s");
        }
        else
        {
            writes = Step("writes/s", $"DAU × interactions ÷ {perDay}", interactionsPerSecond, "req/s");
            reads = Step("reads/s", "writes/s × read:write ratio", writes * inputs.ReadWriteRatio, "req/s");
        }

        var average = new Throughput(reads, writes);
        Step("total/s", "reads/s + writes/s", average.Total, "req/s");
        var peak = new Throughput(
            Step("peak reads/s", "reads/s × peak factor", reads * inputs.PeakFactor, "req/s"),
            Step("peak writes/s", "writes/s × peak factor", writes * inputs.PeakFactor, "req/s"));
        Step("peak total/s", "peak reads/s + peak writes/s", peak.Total, "req/s");

        var size = inputs.RequestSizeBytes;
        var averageBandwidth = new Bandwidth(
            Step("read bandwidth", "reads/s × request size", reads * size, "B/s"),
            Step("write bandwidth", "writes/s × request size", writes * size, "B/s"));
        var peakBandwidth = new Bandwidth(
            Step("peak read bandwidth", "peak reads/s × request size", peak.Reads * size, "B/s"),
            Step("peak write bandwidth", "peak writes/s × request size", peak.Writes * size, "B/s"));
        Step("peak total bandwidth", "peak read + peak write bandwidth", peakBandwidth.TotalBytesPerSecond, "B/s");

        var perSecond = Step("storage/s", "writes/s × request size × replication", writes * size * inputs.ReplicationFactor, "B/s");
        var perYear = Step(
            "storage/year",
            seed ? "storage/s × 3600 × 24 × 365 (seed 000 §8.2)" : "storage/s × 365.25 × 86,400",
            perSecond * (seed ? SeedSecondsPerYear : ExactSecondsPerYear),
            "B");
        var overRetention = Step(
            $"storage over {inputs.RetentionYears:G4} years",
            seed ? $"storage/s × 2e8 s per 5 years (seed 000 §2.3) × {inputs.RetentionYears:G4}/5" : $"storage/year × {inputs.RetentionYears:G4}",
            seed ? perSecond * SeedSecondsInFiveYears * inputs.RetentionYears / 5 : perYear * inputs.RetentionYears,
            "B");

        double? stored = inputs.TotalUsers is { } users && inputs.ItemsPerUser is { } items && inputs.ItemSizeBytes is { } itemSize
            ? Step("stored data", "total users × items per user × item size × replication", users * items * itemSize * inputs.ReplicationFactor, "B")
            : null;

        return new CapacityEstimate(inputs, secondsPerDay, average, peak, averageBandwidth, peakBandwidth, perSecond, perYear, overRetention, stored, steps);
    }
}
