using Blueprint.Infrastructure.Relational;

namespace Blueprint.CloudStorage;

/// <summary>The storage service's own database: namespaces, members, files, versions, blocks and history.</summary>
internal sealed class StorageDatabase(IRelationalDatabases databases) : IDisposable
{
    public const string Module = "cloud-storage";

    public MigratedDatabase Database { get; } = new(databases, Module, typeof(StorageDatabase).Assembly);

    public void Dispose() => Database.Dispose();
}
