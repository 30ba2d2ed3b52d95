using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Blueprint.Infrastructure.Relational;

/// <summary>The embedded relational engine: one SQLite file per module in the data directory.</summary>
internal sealed class SqliteDatabases(string directory, TimeProvider time) : IRelationalDatabases
{
    private readonly ConcurrentDictionary<string, SqliteModuleDatabase> _modules = new();

    public SqlEngine Engine => SqlEngine.Sqlite;

    public string Directory => directory;

    public IModuleDatabase For(string module)
    {
        var identifier = ModuleName.ToIdentifier(module);
        return _modules.GetOrAdd(identifier, id => new SqliteModuleDatabase(id, Path.Combine(directory, id + ".db"), time));
    }

    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        System.IO.Directory.CreateDirectory(directory);
        await using var connection = await For("blueprint").OpenConnectionAsync(cancellationToken);
        await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
    }

    private sealed class SqliteModuleDatabase(string module, string path, TimeProvider time) : IModuleDatabase
    {
        // Default Timeout bounds a command's wait for the write lock. Microsoft.Data.Sqlite waits by
        // sleeping 150 ms between tries; SQLite's own busy handler (sqlite3_busy_timeout, set at each
        // open) waits 1, 2, 5… ms instead, so a writer behind a short transaction resumes at once.
        private readonly string _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();

        // Reads through a memory map (up to this many bytes of the file) instead of a read call per
        // page into each connection's own small cache: a commit of a 65,000-block list looks up every
        // block, and the map serves those pages from the shared page cache. Set once per physical
        // connection; the pool hands the same handle out again with it set.
        private const long MapBytes = 256L * 1024 * 1024;

        // A large transaction's changed pages wait in the connection's cache until the commit; past
        // the default 2 MiB they spill to the log early and are written again when changed again, and
        // a statement's undo pages (a temp file by default) were written out too. A 1 GiB upload
        // (65,000 blocks) wrote 1,155 MB through 50,000 calls with both set, 1,495 MB through 180,000
        // without (its packs' 1 GiB included). The cache is filled only as pages are used.
        private const int CacheKiB = 32 * 1024;

        private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _mapped = [];

        private int _initialized;

        public string Module => module;

        public SqlEngine Engine => SqlEngine.Sqlite;

        public async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
        {
            if (Volatile.Read(ref _initialized) == 0)
            {
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            }

            var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            // A native call, not a PRAGMA statement: no SQL to prepare on every open.
            SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, 30_000);

            if (Interlocked.Exchange(ref _initialized, 1) == 0)
            {
                // WAL lets readers run beside the one writer; the setting is stored in the file.
                await connection.ExecuteAsync("PRAGMA journal_mode=WAL");
            }

            if (!_mapped.TryGetValue(connection.Handle!, out _))
            {
                await connection.ExecuteAsync($"PRAGMA mmap_size={MapBytes}; PRAGMA cache_size=-{CacheKiB}; PRAGMA temp_store=MEMORY");
                _mapped.AddOrUpdate(connection.Handle!, MapBytes);
            }

            return connection;
        }

        public async Task MigrateAsync(IReadOnlyList<SqlMigration> migrations, CancellationToken cancellationToken = default)
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            // Microsoft.Data.Sqlite begins transactions IMMEDIATE: the write lock is the migration lock.
            await MigrationRunner.MigrateAsync(connection, Engine, Module, migrations, (_, _, _) => Task.CompletedTask, time, cancellationToken);
        }
    }
}
