namespace Blueprint.Testing;

/// <summary>
/// The settings that point a Blueprint host at this run's real engines, written once:
/// <c>RealEngineSettings.Postgres().WithRedis().WithS3()</c>, then <see cref="With"/> for the rest.
/// </summary>
public static class RealEngineSettings
{
    /// <summary>The test PostgreSQL (or the database <paramref name="connectionString"/> names, e.g. <see cref="RealEngines.FreshPostgresDatabase"/>).</summary>
    public static Dictionary<string, string?> Postgres(string? connectionString = null) => new Dictionary<string, string?>().WithPostgres(connectionString);

    public static Dictionary<string, string?> Redis() => new Dictionary<string, string?>().WithRedis();

    /// <summary>Every engine: PostgreSQL, Redis, RabbitMQ and S3.</summary>
    public static Dictionary<string, string?> All() => Postgres().WithRedis().WithRabbitMq().WithS3();

    public static Dictionary<string, string?> WithPostgres(this Dictionary<string, string?> settings, string? connectionString = null) =>
        settings.With("ConnectionStrings:Postgres", connectionString ?? RealEngines.Postgres);

    public static Dictionary<string, string?> WithRedis(this Dictionary<string, string?> settings) =>
        settings.With("ConnectionStrings:Redis", RealEngines.Redis);

    public static Dictionary<string, string?> WithRabbitMq(this Dictionary<string, string?> settings) =>
        settings.With("ConnectionStrings:RabbitMq", RealEngines.RabbitMq);

    /// <summary>The test S3, in the default bucket or in <paramref name="bucket"/>.</summary>
    public static Dictionary<string, string?> WithS3(this Dictionary<string, string?> settings, string? bucket = null)
    {
        settings.With("Blobs:S3:ServiceUrl", RealEngines.S3).With("Blobs:S3:AccessKey", RealEngines.S3AccessKey).With("Blobs:S3:SecretKey", RealEngines.S3SecretKey);
        return bucket is null ? settings : settings.With("Blobs:S3:Bucket", bucket);
    }

    public static Dictionary<string, string?> With(this Dictionary<string, string?> settings, string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings[key] = value;
        return settings;
    }
}
