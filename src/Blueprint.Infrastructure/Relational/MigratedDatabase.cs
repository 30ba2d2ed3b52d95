using System.Data.Common;
using System.Reflection;

namespace Blueprint.Infrastructure.Relational;

/// <summary>
/// A module's database that applies the module's embedded migrations before the first connection
/// is handed out. A failed attempt (engine down) is retried on the next use rather than remembered.
/// </summary>
public sealed class MigratedDatabase : IDisposable
{
    private readonly IRelationalDatabases _databases;
    private readonly string _module;
    private readonly Assembly _migrations;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _migrated;

    public MigratedDatabase(IRelationalDatabases databases, string module, Assembly migrations)
    {
        ArgumentNullException.ThrowIfNull(databases);
        _databases = databases;
        _module = module;
        _migrations = migrations;
    }

    /// <summary>The engine behind the module's database.</summary>
    public SqlEngine Engine => _databases.Engine;

    // Resolved on use, not construction: a misconfigured engine fails the request (503), not the host's start.
    private IModuleDatabase Database => _databases.For(_module);

    /// <summary>Opens a connection to the module's database, migrating it first if this process has not yet.</summary>
    public async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        if (!_migrated)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (!_migrated)
                {
                    await Database.MigrateAsync(SqlMigrations.FromEmbeddedResources(_migrations), cancellationToken);
                    _migrated = true;
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        return await Database.OpenConnectionAsync(cancellationToken);
    }

    public void Dispose() => _gate.Dispose();
}
