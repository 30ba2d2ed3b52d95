using Blueprint.Infrastructure.Relational;
using Dapper;
using Npgsql;

namespace Blueprint.Infrastructure.Tests.Relational;

public sealed class PostgresRelationalTests : RelationalContractTests
{
    private readonly PostgresDatabases _databases = new(new NpgsqlConnectionStringBuilder(RealEngines.Postgres), TimeProvider.System);

    protected override IRelationalDatabases Databases => _databases;

    [Fact]
    public async Task For_EachModule_GetsItsOwnSchema()
    {
        var module = UniqueModule();
        await Databases.For(module).MigrateAsync([new SqlMigration(1, "t", "CREATE TABLE t (id INTEGER)")]);

        await using var connection = await Databases.For(module).OpenConnectionAsync();
        Assert.Equal(module, await connection.ExecuteScalarAsync<string>(
            "SELECT table_schema FROM information_schema.tables WHERE table_name = 't' AND table_schema = @Module", new { Module = module }));
    }

    public override async Task DisposeAsync() => await _databases.DisposeAsync();
}
