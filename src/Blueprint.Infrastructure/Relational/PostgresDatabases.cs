using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Npgsql;

namespace Blueprint.Infrastructure.Relational;

/// <summary>The real relational engine: one PostgreSQL schema per module, reached through a pooled data source each.</summary>
internal sealed class PostgresDatabases(NpgsqlConnectionStringBuilder connectionString, TimeProvider time) : IRelationalDatabases, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, PostgresModuleDatabase> _modules = new();

    public SqlEngine Engine => SqlEngine.PostgreSql;

    public IModuleDatabase For(string module)
    {
        var schema = ModuleName.ToIdentifier(module);
        return _modules.GetOrAdd(schema, s => new PostgresModuleDatabase(s, connectionString, time));
    }

    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await For("blueprint").OpenConnectionAsync(cancellationToken);
        await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var module in _modules.Values)
        {
            await module.DisposeAsync();
        }
    }

    private sealed class PostgresModuleDatabase : IModuleDatabase, IAsyncDisposable
    {
        private readonly NpgsqlDataSource _dataSource;
        private readonly TimeProvider _time;

        public PostgresModuleDatabase(string schema, NpgsqlConnectionStringBuilder connectionString, TimeProvider time)
        {
            Module = schema;
            _time = time;
            // search_path makes the module's own schema the default, so its SQL stays unqualified and portable.
            var builder = new NpgsqlConnectionStringBuilder(connectionString.ConnectionString) { SearchPath = schema };
            _dataSource = NpgsqlDataSource.Create(builder);
        }

        public string Module { get; }

        public SqlEngine Engine => SqlEngine.PostgreSql;

        public async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
            await _dataSource.OpenConnectionAsync(cancellationToken);

        public async Task MigrateAsync(IReadOnlyList<SqlMigration> migrations, CancellationToken cancellationToken = default)
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await MigrationRunner.MigrateAsync(connection, Engine, Module, migrations, LockAndCreateSchemaAsync, _time, cancellationToken);
        }

        private async Task LockAndCreateSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
        {
            // A transaction-scoped advisory lock per schema: hosts starting together queue here.
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(hashtext(@Key))", new { Key = "blueprint.migrate." + Module }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                $"CREATE SCHEMA IF NOT EXISTS \"{Module}\"", transaction: transaction, cancellationToken: cancellationToken));
        }

        public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
    }
}
