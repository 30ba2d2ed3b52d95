using System.Data.Common;
using Dapper;

namespace Blueprint.Infrastructure.Relational;

/// <summary>
/// Applies versioned scripts and records them in <c>schema_migrations</c>. Both engines have
/// transactional DDL, so a failing script leaves nothing behind; the caller's lock makes
/// concurrent hosts apply each script once.
/// </summary>
internal static class MigrationRunner
{
    private const string HistoryTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            checksum   TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """;

    // A class with setters (not a positional record) so Dapper converts SQLite's INT64 and PostgreSQL's INT32 alike.
    private sealed class AppliedMigration
    {
        public long Version { get; init; }

        public string Name { get; init; } = "";

        public string Checksum { get; init; } = "";
    }

    // lockAsync takes a lock held until the transaction ends, so hosts migrate one at a time.
    public static async Task MigrateAsync(
        DbConnection connection,
        SqlEngine engine,
        string module,
        IReadOnlyList<SqlMigration> migrations,
        Func<DbConnection, DbTransaction, CancellationToken, Task> lockAsync,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await lockAsync(connection, transaction, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(HistoryTable, transaction: transaction, cancellationToken: cancellationToken));
        var applied = (await connection.QueryAsync<AppliedMigration>(new CommandDefinition(
            "SELECT version AS Version, name AS Name, checksum AS Checksum FROM schema_migrations", transaction: transaction, cancellationToken: cancellationToken)))
            .ToDictionary(m => (int)m.Version);

        foreach (var migration in migrations.OrderBy(m => m.Version))
        {
            var checksum = migration.ChecksumFor(engine);
            if (applied.TryGetValue(migration.Version, out var done))
            {
                if (done.Checksum != checksum)
                {
                    throw new InvalidOperationException(
                        $"Migration {migration.Version} ({migration.Name}) of module '{module}' was changed after it was applied; add a new migration instead.");
                }

                continue;
            }

            try
            {
                await connection.ExecuteAsync(new CommandDefinition(migration.SqlFor(engine), transaction: transaction, cancellationToken: cancellationToken));
            }
            catch (DbException ex)
            {
                throw new InvalidOperationException($"Migration {migration.Version} ({migration.Name}) of module '{module}' failed on {engine}: {ex.Message}", ex);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@Version, @Name, @Checksum, @AppliedAt)",
                new { migration.Version, migration.Name, Checksum = checksum, AppliedAt = time.GetUtcNow().ToString("O") },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
