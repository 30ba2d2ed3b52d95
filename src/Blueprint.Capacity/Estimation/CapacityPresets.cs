namespace Blueprint.Capacity.Estimation;

/// <summary>The worked examples of the seeds, one per system; more arrive as systems land.</summary>
public static class CapacityPresets
{
    /// <summary>Seed 000 §8.2: 100 million DAU, 1 interaction a day, 10:1 reads, 200-byte URLs, no replication, no peaks.</summary>
    public static readonly CapacityPreset UrlShortener = new("url-shortener", "URL shortener", "000 §8.2", new CapacityInputs
    {
        DailyActiveUsers = 1e8,
        InteractionsPerUser = 1,
        InteractionsAre = InteractionKind.Reads,
        ReadWriteRatio = 10,
        RequestSizeBytes = 200,
        ReplicationFactor = 1,
        PeakFactor = 1,
        RetentionYears = 5,
    });

    /// <summary>Seed 000 §8.3: 100 million DAU writing 2 files a day at peak ×2, 10:1 reads, 100 kB requests; 500 million users keep 100 files of 1 MB, 3 replicas.</summary>
    public static readonly CapacityPreset Dropbox = new("dropbox", "Cloud storage and file sync", "000 §8.3", new CapacityInputs
    {
        DailyActiveUsers = 1e8,
        InteractionsPerUser = 2,
        InteractionsAre = InteractionKind.Writes,
        ReadWriteRatio = 10,
        RequestSizeBytes = 100e3,
        ReplicationFactor = 3,
        PeakFactor = 2,
        RetentionYears = 5,
        TotalUsers = 5e8,
        ItemsPerUser = 100,
        ItemSizeBytes = 1e6,
    });

    /// <summary>
    /// Seed 000 §8.1 gives no figures for the todo app; these are Blueprint's assumptions, written in
    /// docs/systems/todo.md: 10 million DAU opening their lists 20 times a day, one write per 5
    /// reads, 500-byte requests, 3 replicas, evening peak ×3.
    /// </summary>
    public static readonly CapacityPreset Todo = new("todo", "Todo app", "000 §8.1 (assumed figures)", new CapacityInputs
    {
        DailyActiveUsers = 1e7,
        InteractionsPerUser = 20,
        InteractionsAre = InteractionKind.Reads,
        ReadWriteRatio = 5,
        RequestSizeBytes = 500,
        ReplicationFactor = 3,
        PeakFactor = 3,
        RetentionYears = 5,
    });

    public static IReadOnlyList<CapacityPreset> All { get; } = [UrlShortener, Dropbox, Todo];

    /// <summary>The preset called <paramref name="name"/>, or null.</summary>
    public static CapacityPreset? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
