namespace Blueprint.Capacity.Estimation;

/// <summary>
/// The questions that capture scale (seed 000 §1.2): daily active users, interactions per user,
/// read:write ratio, request size, replication factor, plus the peak factor (003 §3) and how long
/// data is kept. The optional stored-data figures size what users keep rather than what they send
/// (000 §8.3: total users × files per user × file size × replication).
/// </summary>
public sealed record CapacityInputs
{
    public double DailyActiveUsers { get; init; }

    public double InteractionsPerUser { get; init; }

    public InteractionKind InteractionsAre { get; init; } = InteractionKind.Reads;

    /// <summary>Reads per write: 10 means 10:1.</summary>
    public double ReadWriteRatio { get; init; } = 1;

    public double RequestSizeBytes { get; init; }

    public double ReplicationFactor { get; init; } = 1;

    public double PeakFactor { get; init; } = 1;

    public double RetentionYears { get; init; } = 5;

    public double? TotalUsers { get; init; }

    public double? ItemsPerUser { get; init; }

    public double? ItemSizeBytes { get; init; }

    public Rounding Rounding { get; init; } = Rounding.Seed;

    /// <summary>Each input as the page's form and the CLI's help name it, for messages people read.</summary>
    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        [nameof(DailyActiveUsers)] = "Daily active users",
        [nameof(InteractionsPerUser)] = "Interactions per user per day",
        [nameof(InteractionsAre)] = "Interactions are",
        [nameof(ReadWriteRatio)] = "Read:write ratio",
        [nameof(RequestSizeBytes)] = "Request size",
        [nameof(ReplicationFactor)] = "Replication factor",
        [nameof(PeakFactor)] = "Peak factor",
        [nameof(RetentionYears)] = "Retention",
        [nameof(TotalUsers)] = "Total users",
        [nameof(ItemsPerUser)] = "Items per user",
        [nameof(ItemSizeBytes)] = "Item size",
        [nameof(Rounding)] = "Rounding",
    };

    /// <summary>Every problem with the inputs, keyed by the input's name (for programs), said with its label (for people); empty when they are usable.</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        void Positive(string name, double value)
        {
            if (!double.IsFinite(value) || value <= 0)
            {
                errors[name] = $"{Labels[name]} must be a positive number; it is {value}.";
            }
        }

        Positive(nameof(DailyActiveUsers), DailyActiveUsers);
        Positive(nameof(InteractionsPerUser), InteractionsPerUser);
        Positive(nameof(ReadWriteRatio), ReadWriteRatio);
        Positive(nameof(RequestSizeBytes), RequestSizeBytes);
        Positive(nameof(ReplicationFactor), ReplicationFactor);
        Positive(nameof(RetentionYears), RetentionYears);
        if (!double.IsFinite(PeakFactor) || PeakFactor < 1)
        {
            errors[nameof(PeakFactor)] = $"{Labels[nameof(PeakFactor)]} must be at least 1 (peak ÷ average); it is {PeakFactor}.";
        }

        var stored = new (string Name, double? Value)[] { (nameof(TotalUsers), TotalUsers), (nameof(ItemsPerUser), ItemsPerUser), (nameof(ItemSizeBytes), ItemSizeBytes) };
        foreach (var (name, value) in stored.Where(s => s.Value is not null))
        {
            Positive(name, value!.Value);
        }

        if (stored.Count(s => s.Value is not null) is 1 or 2)
        {
            errors["StoredData"] = $"Sizing stored data needs all of {Labels[nameof(TotalUsers)]}, {Labels[nameof(ItemsPerUser)]} and {Labels[nameof(ItemSizeBytes)]}, or none.";
        }

        if (!Enum.IsDefined(InteractionsAre))
        {
            errors[nameof(InteractionsAre)] = $"{Labels[nameof(InteractionsAre)]} must be Reads or Writes.";
        }

        if (!Enum.IsDefined(Rounding))
        {
            errors[nameof(Rounding)] = $"{Labels[nameof(Rounding)]} must be Seed or Exact.";
        }

        return errors;
    }
}
