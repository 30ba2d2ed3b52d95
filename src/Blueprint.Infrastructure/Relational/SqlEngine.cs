namespace Blueprint.Infrastructure.Relational;

/// <summary>The relational engines Blueprint runs on.</summary>
public enum SqlEngine
{
    /// <summary>The embedded default: one SQLite file per module under the data directory.</summary>
    Sqlite,

    /// <summary>The real engine: one schema per module in the configured PostgreSQL database.</summary>
    PostgreSql,
}
