using Blueprint.CloudStorage.Blocks;
using Blueprint.CloudStorage.Files;
using Blueprint.Infrastructure.Relational;
using Dapper;
using Npgsql;

namespace Blueprint.CloudStorage.Tests;

/// <summary>
/// On PostgreSQL, reading a version's block list and checking a commit's list against the blocks
/// probe the blocks' key once a row even when the statistics predate the rows: analyzed while the
/// namespace was small, a plain join was planned as a nested loop scanning all its blocks once a
/// row (minutes for a 1 GiB file). The statements run in a scratch schema copying the module's
/// tables, where the statistics are made stale on purpose.
/// </summary>
public sealed class BlockListPlanTests : IAsyncLifetime
{
    private const int BigVersion = 20_000;
    private readonly string _schema = $"plan_{Guid.NewGuid():N}";
    private NpgsqlConnection _connection = null!;

    public async Task InitializeAsync()
    {
        // The module's tables exist once a host has used them.
        using (var factory = new BlueprintFactory(RealEngineSettings.Postgres()))
        {
            var user = await SignedInClient.SignUpAsync(factory.CreateClient());
            await user.JsonAsync(HttpMethod.Get, "/api/storage/namespaces");
        }

        _connection = new NpgsqlConnection(RealEngines.Postgres);
        await _connection.OpenAsync();
        await _connection.ExecuteAsync($"""
            CREATE SCHEMA {_schema};
            CREATE TABLE {_schema}.blocks (LIKE cloud_storage.blocks INCLUDING ALL);
            CREATE TABLE {_schema}.version_blocks (LIKE cloud_storage.version_blocks INCLUDING ALL);
            SET search_path TO {_schema};
            INSERT INTO blocks (namespace_id, hash, length, stored_length, blob_key, blob_offset, touched_at_ms)
            SELECT 'small', md5(i::text) || md5((i + 1)::text), 4096, 4124, 'pack' || (i / 40), (i % 40) * 4124, 1 FROM generate_series(1, 1720) i;
            INSERT INTO version_blocks (version_id, position, namespace_id, hash, length)
            SELECT 'v' || (i / 43), i % 43, 'small', md5(i::text) || md5((i + 1)::text), 4096 FROM generate_series(1, 1720) i;
            ANALYZE blocks;
            ANALYZE version_blocks;
            INSERT INTO blocks (namespace_id, hash, length, stored_length, blob_key, blob_offset, touched_at_ms)
            SELECT 'big', md5(i::text) || md5((i + 7)::text), 16384, 16412, 'pack-big', i * 16412, 1 FROM generate_series(1, {BigVersion}) i;
            INSERT INTO version_blocks (version_id, position, namespace_id, hash, length)
            SELECT 'big-version', i, 'big', md5(i::text) || md5((i + 7)::text), 16384 FROM generate_series(1, {BigVersion}) i;
            """);
    }

    public async Task DisposeAsync()
    {
        await _connection.ExecuteAsync($"DROP SCHEMA {_schema} CASCADE");
        await _connection.DisposeAsync();
    }

    [Fact]
    public async Task AVersionsBlockList_ProbesTheBlocksKeyOnceARow_AndComesBackInOrder()
    {
        var plan = string.Join('\n', await _connection.QueryAsync<string>("EXPLAIN " + FileQueries.BlockListSql(SqlEngine.PostgreSql), new { Id = "big-version", Ns = "big" }));
        var rows = (await _connection.QueryAsync<(string Hash, long Length, string BlobKey, long BlobOffset, long StoredLength)>(
            FileQueries.BlockListSql(SqlEngine.PostgreSql), new { Id = "big-version", Ns = "big" })).ToList();

        Assert.Matches(@"Index Cond: \(\(namespace_id = vb\.namespace_id\) AND \(hash = vb\.hash\)\)", plan);
        Assert.DoesNotContain("Join Filter", plan, StringComparison.Ordinal);
        Assert.Equal(BigVersion, rows.Count);
        Assert.Equal(Enumerable.Range(1, BigVersion).Select(i => (long)i * 16412), rows.Select(r => r.BlobOffset));
    }

    [Fact]
    public async Task ACommitsCheckOfItsList_ProbesTheBlocksKeyOnceARow_AndInsertsOnlyStoredBlocks()
    {
        var hashes = (await _connection.QueryAsync<string>("SELECT hash FROM version_blocks WHERE version_id = 'big-version' ORDER BY position")).ToList();
        hashes.Add(new string('f', 64)); // never stored: no row
        var parameters = new DynamicParameters(new { Version = "new-version", Ns = "big" });
        HashRows.Bind(SqlEngine.PostgreSql, parameters, hashes, [.. hashes.Select(_ => 16384L)]);

        var plan = string.Join('\n', await _connection.QueryAsync<string>("EXPLAIN " + FileQueries.InsertBlockListSql(SqlEngine.PostgreSql), parameters));
        var inserted = await _connection.ExecuteAsync(FileQueries.InsertBlockListSql(SqlEngine.PostgreSql), parameters);

        Assert.Matches(@"Index Cond: \(\(namespace_id = .+\) AND \(hash = .*hash\)\)", plan);
        Assert.DoesNotContain("Join Filter", plan, StringComparison.Ordinal);
        Assert.Equal(BigVersion, inserted);
    }
}
