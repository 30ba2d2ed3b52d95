using Blueprint.Infrastructure.Relational;

namespace Blueprint.Infrastructure.Tests.Relational;

public sealed class SqliteRelationalTests : RelationalContractTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly SqliteDatabases _databases;

    public SqliteRelationalTests() => _databases = new SqliteDatabases(_directory.Path, TimeProvider.System);

    protected override IRelationalDatabases Databases => _databases;

    [Fact]
    public async Task For_EachModule_GetsItsOwnFile()
    {
        var module = UniqueModule();
        await Databases.For(module).MigrateAsync([new SqlMigration(1, "t", "CREATE TABLE t (id INTEGER)")]);

        Assert.True(File.Exists(Path.Combine(_directory.Path, module + ".db")));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
