namespace Blueprint.CloudStorage;

/// <summary>Settings under <c>CloudStorage</c>.</summary>
public sealed class CloudStorageOptions
{
    public const string Section = "CloudStorage";

    /// <summary>The most a namespace may hold: the sum of its live files' sizes.</summary>
    public long QuotaBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>The largest block a client may upload; clients cut files into blocks no larger than this.</summary>
    public int MaxBlockBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>How long a block no version names is kept before it is collected (an upload in progress has not committed yet).</summary>
    public TimeSpan BlockGracePeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A pack is rewritten with only its live blocks once more than this fraction of its bytes is dead; 1 turns rewriting off.</summary>
    public double CompactPacksOverDeadFraction { get; set; } = 0.5;

    /// <summary>Every file keeps at least its last this-many versions.</summary>
    public int KeepLastVersions { get; set; } = 10;

    /// <summary>Every version younger than this is kept.</summary>
    public TimeSpan KeepAllVersionsFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Older versions are thinned to the newest of each week until they are this old, then dropped.</summary>
    public TimeSpan KeepWeeklyVersionsFor { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How long a deleted file stays in the trash, undeletable, before it is purged.</summary>
    public TimeSpan TrashRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the background job thins versions, purges the trash and collects blocks; zero turns it off.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest a long poll for changes may wait.</summary>
    public TimeSpan MaxLongPoll { get; set; } = TimeSpan.FromSeconds(90);
}
