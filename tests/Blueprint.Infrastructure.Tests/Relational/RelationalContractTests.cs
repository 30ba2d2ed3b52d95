using System.Data.Common;
using Blueprint.Infrastructure.Relational;
using Dapper;

namespace Blueprint.Infrastructure.Tests.Relational;

/// <summary>The relational port's contract, run against SQLite and PostgreSQL alike.</summary>
public abstract class RelationalContractTests : IAsyncLifetime
{
    private static readonly SqlMigration CreateItems = new(1, "create_items", """
        CREATE TABLE items (
            id      BIGINT PRIMARY KEY,
            title   TEXT NOT NULL,
            weight  DOUBLE PRECISION NOT NULL,
            payload BLOB
        );
        CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
        """,
        PostgreSql: """
        CREATE TABLE items (
            id      BIGINT PRIMARY KEY,
            title   TEXT NOT NULL,
            weight  DOUBLE PRECISION NOT NULL,
            payload BYTEA
        );
        CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
        """);

    private static readonly SqlMigration CountMigrationRuns = new(2, "count_runs", "INSERT INTO counters (name, value) VALUES ('migration_runs', 1)");

    protected abstract IRelationalDatabases Databases { get; }

    protected static string UniqueModule() => "t_" + Guid.NewGuid().ToString("N")[..16];

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private async Task<IModuleDatabase> MigratedModuleAsync()
    {
        var database = Databases.For(UniqueModule());
        await database.MigrateAsync([CreateItems, CountMigrationRuns]);
        return database;
    }

    [Fact]
    public async Task Migrate_TwiceInARow_AppliesEachScriptOnce()
    {
        var database = await MigratedModuleAsync();
        await database.MigrateAsync([CreateItems, CountMigrationRuns]);

        await using var connection = await database.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT value FROM counters WHERE name = 'migration_runs'"));
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Migrate_ManyHostsAtOnce_AppliesEachScriptExactlyOnce()
    {
        var module = UniqueModule();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Databases.For(module).MigrateAsync([CreateItems, CountMigrationRuns]))));

        await using var connection = await Databases.For(module).OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT value FROM counters WHERE name = 'migration_runs'"));
    }

    [Fact]
    public async Task Migrate_ScriptChangedAfterApplying_IsRefused()
    {
        var database = await MigratedModuleAsync();
        var edited = CountMigrationRuns with { Sql = "INSERT INTO counters (name, value) VALUES ('migration_runs', 2)" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => database.MigrateAsync([CreateItems, edited]));
        Assert.Contains("was changed after it was applied", error.Message);
    }

    [Fact]
    public async Task Migrate_FailingScript_LeavesNothingHalfApplied()
    {
        var database = Databases.For(UniqueModule());
        var broken = new SqlMigration(3, "broken", "CREATE TABLE half (id BIGINT); INSERT INTO no_such_table VALUES (1);");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => database.MigrateAsync([CreateItems, CountMigrationRuns, broken]));
        Assert.Contains("broken", error.Message);

        // The whole run was one transaction: not even the scripts before the broken one stayed.
        await database.MigrateAsync([CreateItems, CountMigrationRuns]);
        await using var connection = await database.OpenConnectionAsync();
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations"));
        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM half"));
    }

    [Fact]
    public async Task Modules_AreIsolated_OneCannotSeeAnothersTables()
    {
        var owner = await MigratedModuleAsync();
        await using (var connection = await owner.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("INSERT INTO items (id, title, weight) VALUES (1, 'mine', 1.0)");
        }

        await using var stranger = await Databases.For(UniqueModule()).OpenConnectionAsync();
        await Assert.ThrowsAnyAsync<DbException>(() => stranger.QueryAsync("SELECT * FROM items"));
    }

    [Fact]
    public async Task Values_RoundTrip_Unchanged()
    {
        var database = await MigratedModuleAsync();
        var payload = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        await using var connection = await database.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "INSERT INTO items (id, title, weight, payload) VALUES (@Id, @Title, @Weight, @Payload)",
            new { Id = long.MaxValue, Title = "naïve – 日本語 ✓ 'quoted'", Weight = 0.1 + 0.2, Payload = payload });

        var row = await connection.QuerySingleAsync<(long Id, string Title, double Weight, byte[] Payload)>(
            "SELECT id, title, weight, payload FROM items WHERE id = @Id", new { Id = long.MaxValue });
        Assert.Equal((long.MaxValue, "naïve – 日本語 ✓ 'quoted'", 0.1 + 0.2), (row.Id, row.Title, row.Weight));
        Assert.Equal(payload, row.Payload);
    }

    [Fact]
    public async Task Transaction_RolledBack_LeavesNoWrites()
    {
        var database = await MigratedModuleAsync();
        await using var connection = await database.OpenConnectionAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync("INSERT INTO items (id, title, weight) VALUES (7, 'doomed', 1)", transaction: transaction);
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM items"));
    }

    [Fact]
    public async Task Upsert_OnConflict_UpdatesTheExistingRow()
    {
        var database = await MigratedModuleAsync();
        await using var connection = await database.OpenConnectionAsync();
        const string upsert = "INSERT INTO items (id, title, weight) VALUES (@Id, @Title, 1) ON CONFLICT (id) DO UPDATE SET title = excluded.title";
        await connection.ExecuteAsync(upsert, new { Id = 5, Title = "first" });
        await connection.ExecuteAsync(upsert, new { Id = 5, Title = "second" });

        Assert.Equal("second", await connection.ExecuteScalarAsync<string>("SELECT title FROM items WHERE id = 5"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM items"));
    }

    [Fact]
    public async Task ConcurrentWriters_AtomicIncrements_LoseNoUpdate()
    {
        var database = await MigratedModuleAsync();
        const int writers = 16, incrementsEach = 25;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            await using var connection = await database.OpenConnectionAsync();
            for (var i = 0; i < incrementsEach; i++)
            {
                await connection.ExecuteAsync("UPDATE counters SET value = value + 1 WHERE name = 'migration_runs'");
            }
        })));

        await using var check = await database.OpenConnectionAsync();
        Assert.Equal(1 + (writers * incrementsEach), await check.ExecuteScalarAsync<long>("SELECT value FROM counters WHERE name = 'migration_runs'"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("1starts-with-digit")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("quote\"d")]
    public void For_InvalidModuleName_IsRefused(string module) =>
        Assert.ThrowsAny<ArgumentException>(() => Databases.For(module));
}
