using System.Data.Common;
using Blueprint.BuildingBlocks.Sync;
using Blueprint.Infrastructure.Relational;
using Dapper;

namespace Blueprint.CloudStorage.Files;

/// <summary>The lookups both a plain read and a write's transaction make, written once.</summary>
internal static class FileQueries
{
    /// <summary>
    /// Joins, as <c>b</c> with <paramref name="columns"/>, the block each row names by
    /// <paramref name="namespaceId"/> and <paramref name="hash"/>; rows naming none drop out. On
    /// PostgreSQL a lateral lookup, so each row is one probe of the blocks' key whatever the
    /// statistics say: right after a 65,000-block version went in, before autovacuum analyzed it, a
    /// plain join was planned as a nested loop scanning the namespace's blocks once a row — minutes
    /// for a 1 GiB file. On SQLite a CROSS JOIN, which keeps the rows outside and probes the key for
    /// each (a plain join may be turned around: a scan of the rows once a block).
    /// </summary>
    public static string EachBlockOf(SqlEngine engine, string namespaceId, string hash, string columns) => engine == SqlEngine.PostgreSql
        ? $"CROSS JOIN LATERAL (SELECT {columns} FROM blocks WHERE namespace_id = {namespaceId} AND hash = {hash} OFFSET 0) b"
        : $"CROSS JOIN blocks b ON b.namespace_id = {namespaceId} AND b.hash = {hash}";

    /// <summary>A version's blocks (<c>@Id</c> of namespace <c>@Ns</c>) in order, with where each is stored.</summary>
    public static string BlockListSql(SqlEngine engine) =>
        $"""
        SELECT vb.hash, vb.length, b.blob_key, b.blob_offset, b.stored_length FROM version_blocks vb
        {EachBlockOf(engine, "vb.namespace_id", "vb.hash", "blob_key, blob_offset, stored_length")}
        WHERE vb.version_id = @Id AND vb.namespace_id = @Ns ORDER BY vb.position
        """;

    /// <summary>
    /// Inserts a version's block list (<c>@Version</c> of <c>@Ns</c>, the rows bound by
    /// <see cref="Blocks.HashRows.Bind"/> with the lengths) in one statement. The join with the
    /// namespace's blocks is the check that each is stored, with the length named: a row that finds
    /// none is not inserted, and the list comes up short.
    /// </summary>
    public static string InsertBlockListSql(SqlEngine engine) =>
        $"""
        INSERT INTO version_blocks (version_id, position, namespace_id, hash, length)
        SELECT @Version, r.i, @Ns, r.hash, r.n1 FROM {Blocks.HashRows.Source(engine, 1)}
        {EachBlockOf(engine, "@Ns", "r.hash", "length")}
        WHERE b.length = r.n1
        """;

    /// <summary>The live (not deleted) file at <paramref name="path"/>, matched by its case- and Unicode-insensitive key.</summary>
    public static Task<FileRow?> LiveFileAsync(DbConnection connection, DbTransaction? transaction, string ns, SyncPath path, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<FileRow>(new CommandDefinition(
            $"SELECT {FileRow.Columns} FROM files WHERE namespace_id = @Ns AND path_key = @Key AND deleted = 0",
            new { Ns = ns, path.Key },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>
    /// What a path names: the live file there, or else the folder — its own row (first) if it has
    /// one, and every live file and folder under it, in path order. Empty when there is nothing.
    /// </summary>
    public static async Task<IReadOnlyList<FileRow>> TreeAtAsync(DbConnection connection, DbTransaction? transaction, string ns, SyncPath path, CancellationToken cancellationToken)
    {
        var row = await LiveFileAsync(connection, transaction, ns, path, cancellationToken);
        if (row is { IsFolder: false })
        {
            return [row];
        }

        var inside = await LiveUnderAsync(connection, transaction, ns, path.Key + "/", cancellationToken);
        return row is null ? [.. inside] : [row, .. inside];
    }

    /// <summary>Every live file and folder whose key starts with <paramref name="prefix"/> (a folder's key and '/', or "" for all), in path order.</summary>
    public static Task<IEnumerable<FileRow>> LiveUnderAsync(DbConnection connection, DbTransaction? transaction, string ns, string prefix, CancellationToken cancellationToken) =>
        connection.QueryAsync<FileRow>(new CommandDefinition(
            $"SELECT {FileRow.Columns} FROM files WHERE namespace_id = @Ns AND deleted = 0 AND substr(path_key, 1, @Length) = @Prefix ORDER BY path_key",
            new { Ns = ns, Prefix = prefix, prefix.Length },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>A file of the namespace by id, live or in the trash.</summary>
    public static Task<FileRow?> FileAsync(DbConnection connection, DbTransaction? transaction, string ns, string fileId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<FileRow>(new CommandDefinition(
            $"SELECT {FileRow.Columns} FROM files WHERE namespace_id = @Ns AND id = @Id",
            new { Ns = ns, Id = fileId },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>A version of the namespace by id.</summary>
    public static Task<VersionRow?> VersionAsync(DbConnection connection, DbTransaction? transaction, string ns, string versionId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<VersionRow>(new CommandDefinition(
            $"SELECT {VersionRow.Columns} FROM versions WHERE namespace_id = @Ns AND id = @Id",
            new { Ns = ns, Id = versionId },
            transaction,
            cancellationToken: cancellationToken));
}
