using System.Data.Common;
using Blueprint.BuildingBlocks.Ids;
using Blueprint.Infrastructure.Relational;
using Dapper;

namespace Blueprint.Ids;

/// <summary>
/// Flickr's ticket server (seed 003 §7): one database hands out the next number. Simple and dense, but
/// every ID is a round trip to a single point of failure, which the benchmark makes visible.
/// </summary>
internal sealed class TicketServer(IRelationalDatabases databases) : IIdGenerator<long>, IDisposable
{
    private readonly MigratedDatabase _database = new(databases, "ids", typeof(TicketServer).Assembly);

    public string Scheme => "ticket";

    public async ValueTask<long> NextAsync(CancellationToken cancellationToken = default) => (await NextAsync(1, cancellationToken))[0];

    public async Task<long[]> NextAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        if (_database.Engine == SqlEngine.PostgreSql)
        {
            var command = new CommandDefinition("SELECT nextval('tickets') FROM generate_series(1, @count)", new { count }, cancellationToken: cancellationToken);
            return [.. await connection.QueryAsync<long>(command)];
        }

        return await NextOnSqliteAsync(connection, count, cancellationToken);
    }

    private static async Task<long[]> NextOnSqliteAsync(DbConnection connection, int count, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "REPLACE INTO tickets (stub) VALUES ('a') RETURNING id", transaction: transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    public void Dispose() => _database.Dispose();
}
