using System.Data.Common;
using Blueprint.BuildingBlocks.Sync;
using Blueprint.CloudStorage.Blocks;
using Blueprint.CloudStorage.History;
using Blueprint.CloudStorage.Namespaces;
using Blueprint.Infrastructure.Relational;
using Dapper;

namespace Blueprint.CloudStorage.Files;

/// <summary>
/// One transaction that changes a namespace. It starts by taking the namespace's next change
/// number, which locks the namespace row until commit: writes to one namespace are serialized, so
/// "which version is current" has one answer and the change journal has no holes out of order.
/// </summary>
internal sealed class NamespaceWrite(SqlEngine engine, DbConnection connection, DbTransaction transaction, StorageNamespace ns, long seq, long nowMs, HistoryLedger history)
{
    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    public StorageNamespace Namespace => ns;

    /// <summary>This write's change number, stamped on every file it touches.</summary>
    public long Seq => seq;

    public long NowMs => nowMs;

    public static async Task<NamespaceWrite> BeginAsync(SqlEngine engine, DbConnection connection, DbTransaction transaction, StorageNamespace ns, long nowMs, HistoryLedger history, CancellationToken cancellationToken)
    {
        var seq = await connection.QuerySingleAsync<long>(new CommandDefinition(
            "UPDATE namespaces SET change_seq = change_seq + 1 WHERE id = @Id RETURNING change_seq", new { Id = ns.Id }, transaction, cancellationToken: cancellationToken));
        return new NamespaceWrite(engine, connection, transaction, ns, seq, nowMs, history);
    }

    public Task<FileRow?> LiveFileAsync(SyncPath path, CancellationToken cancellationToken) =>
        FileQueries.LiveFileAsync(connection, transaction, ns.Id, path, cancellationToken);

    public Task<FileRow?> FileAsync(string fileId, CancellationToken cancellationToken) =>
        FileQueries.FileAsync(connection, transaction, ns.Id, fileId, cancellationToken);

    public Task<VersionRow?> VersionAsync(string versionId, CancellationToken cancellationToken) =>
        FileQueries.VersionAsync(connection, transaction, ns.Id, versionId, cancellationToken);

    /// <summary>The blocks of a version, in order.</summary>
    public async Task<IReadOnlyList<BlockRef>> BlocksOfAsync(string versionId, CancellationToken cancellationToken) =>
        [.. (await connection.QueryAsync<BlockRow>(new CommandDefinition(
            BlockRow.OfVersion, new { Id = versionId }, transaction, cancellationToken: cancellationToken))).Select(b => b.ToRef())];

    /// <summary>The newest version of a file that has content (not a delete).</summary>
    public async Task<VersionRow?> LastContentVersionAsync(string fileId, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<VersionRow>(new CommandDefinition(
            $"SELECT {VersionRow.Columns} FROM versions WHERE file_id = @FileId AND kind <> 'delete' ORDER BY number DESC LIMIT 1",
            new { FileId = fileId },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>
    /// Adds a version to a new or existing file and makes it the file's head. A new file of kind
    /// <see cref="VersionKinds.Folder"/> is a folder; a folder's every version has no blocks.
    /// </summary>
    /// <exception cref="BlocksNotStoredException">A block named is not stored in the namespace with that length; the transaction must not commit.</exception>
    public async Task<FileEntry> AddVersionAsync(string? fileId, SyncPath path, string kind, IReadOnlyList<BlockRef> blocks, string authorId, string device, CancellationToken cancellationToken)
    {
        var versionId = Guid.CreateVersion7().ToString("N");
        var existing = fileId is null ? null : await FileAsync(fileId, cancellationToken);
        var folder = existing?.IsFolder ?? kind == VersionKinds.Folder;
        if (folder && blocks.Count > 0)
        {
            throw new ArgumentException("A folder has no blocks.", nameof(blocks));
        }

        var size = blocks.Sum(b => (long)b.Length);
        var contentHash = kind == VersionKinds.Delete || folder ? "" : ContentHash.Of(blocks);
        var number = (existing?.HeadNumber ?? 0) + 1;
        fileId ??= Guid.CreateVersion7().ToString("N");
        var deleted = kind == VersionKinds.Delete ? 1 : 0;
        if (existing is null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO files (id, namespace_id, path, path_key, head_version, head_number, size, content_hash, deleted, modified_at_ms, change_seq, folder)
                VALUES (@Id, @Ns, @Path, @Key, @Version, @Number, @Size, @Hash, @Deleted, @Now, @Seq, @Folder)
                """,
                new { Id = fileId, Ns = ns.Id, Path = path.Value, path.Key, Version = versionId, Number = number, Size = size, Hash = contentHash, Deleted = deleted, Now = nowMs, Seq = seq, Folder = folder ? 1 : 0 },
                transaction,
                cancellationToken: cancellationToken));
        }
        else
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE files SET path = @Path, path_key = @Key, head_version = @Version, head_number = @Number, size = @Size, content_hash = @Hash,
                    deleted = @Deleted, modified_at_ms = @Now, change_seq = @Seq
                WHERE id = @Id
                """,
                new { Id = fileId, Path = path.Value, path.Key, Version = versionId, Number = number, Size = size, Hash = contentHash, Deleted = deleted, Now = nowMs, Seq = seq },
                transaction,
                cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO versions (id, file_id, namespace_id, number, kind, path, size, content_hash, author_id, device, created_at_ms)
            VALUES (@Id, @FileId, @Ns, @Number, @Kind, @Path, @Size, @Hash, @Author, @Device, @Now)
            """,
            new { Id = versionId, FileId = fileId, Ns = ns.Id, Number = number, Kind = kind, Path = path.Value, Size = size, Hash = contentHash, Author = authorId, Device = device, Now = nowMs },
            transaction,
            cancellationToken: cancellationToken));
        // One statement for the whole list: a 1 GB file has some 65,000 blocks. A block not stored
        // (or stored with another length) inserts no row, and the list comes up short.
        var parameters = new DynamicParameters(new { Version = versionId, Ns = ns.Id });
        HashRows.Bind(engine, parameters, [.. blocks.Select(b => b.Hash)], [.. blocks.Select(b => (long)b.Length)]);
        var listed = blocks.Count == 0 ? 0 : await connection.ExecuteAsync(new CommandDefinition(
            FileQueries.InsertBlockListSql(engine),
            parameters,
            transaction,
            cancellationToken: cancellationToken));
        if (listed != blocks.Count)
        {
            throw new BlocksNotStoredException();
        }

        var oldLiveSize = existing is { Deleted: 0 } ? existing.Size : 0;
        var newLiveSize = deleted == 1 ? 0 : size;
        if (oldLiveSize != newLiveSize)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE namespaces SET used_bytes = used_bytes + @Delta WHERE id = @Id", new { Delta = newLiveSize - oldLiveSize, Id = ns.Id }, transaction, cancellationToken: cancellationToken));
        }

        return new FileEntry(fileId, path.Value, versionId, number, size, contentHash, deleted == 1, DateTimeOffset.FromUnixTimeMilliseconds(nowMs), seq, folder);
    }

    /// <summary>True when growing the namespace's live bytes by <paramref name="delta"/> stays within its quota.</summary>
    public async Task<bool> FitsAsync(long delta, CancellationToken cancellationToken)
    {
        if (delta <= 0)
        {
            return true;
        }

        var used = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT used_bytes FROM namespaces WHERE id = @Id", new { Id = ns.Id }, transaction, cancellationToken: cancellationToken));
        return used + delta <= ns.QuotaBytes;
    }

    public Task RecordAsync(string userId, string action, FileEntry file, string device, CancellationToken cancellationToken) =>
        history.AppendAsync(connection, transaction, ns.Id, new HistoryEvent(userId, action, file.Path, file.Id, file.VersionId, device), cancellationToken);
}
