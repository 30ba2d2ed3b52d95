using System.Data.Common;

namespace Blueprint.Infrastructure.Relational;

/// <summary>
/// One module's own database (seed 000 §8.1, functional partitioning): a SQLite file in embedded
/// mode, a PostgreSQL schema otherwise. Modules never reach into another module's database.
/// </summary>
public interface IModuleDatabase
{
    /// <summary>The module that owns this database.</summary>
    string Module { get; }

    /// <summary>The engine behind it, for the rare statement whose syntax differs.</summary>
    SqlEngine Engine { get; }

    /// <summary>Opens a pooled connection whose unqualified table names resolve to this module.</summary>
    ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies the scripts not applied yet, each in its own transaction, under a lock so that
    /// hosts starting together apply each script exactly once.
    /// </summary>
    Task MigrateAsync(IReadOnlyList<SqlMigration> migrations, CancellationToken cancellationToken = default);
}
