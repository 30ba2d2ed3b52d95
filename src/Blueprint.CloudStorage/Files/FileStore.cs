using System.Data.Common;
using Blueprint.BuildingBlocks.Sync;
using Blueprint.CloudStorage.Blocks;
using Blueprint.CloudStorage.Changes;
using Blueprint.CloudStorage.History;
using Blueprint.CloudStorage.Namespaces;
using Dapper;

namespace Blueprint.CloudStorage.Files;

/// <summary>A page of the change journal: each file changed after the cursor, once, in its latest state.</summary>
internal sealed record ChangePage(IReadOnlyList<FileEntry> Entries, long Cursor, bool HasMore, bool Reset);

/// <summary>
/// The metadata service (003 §15): files, their versions and block lists, the change journal.
/// Reads are scoped by namespace; writes go through <see cref="WriteAsync"/> (<see cref="WriteAcrossAsync"/>
/// for a move between namespaces), one transaction each.
/// </summary>
internal sealed partial class FileStore(StorageDatabase database, HistoryLedger history, ChangeNotifier notifier, TimeProvider time)
{
    public async Task<FileEntry?> FindLiveAsync(StorageNamespace ns, SyncPath path, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        return (await FileQueries.LiveFileAsync(connection, null, ns.Id, path, cancellationToken))?.ToEntry();
    }

    public async Task<FileEntry?> FindAsync(StorageNamespace ns, string fileId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        return (await FileQueries.FileAsync(connection, null, ns.Id, fileId, cancellationToken))?.ToEntry();
    }

    /// <summary>
    /// The live files and folders under a folder (empty key: the root), directly or at any depth. A
    /// folder is listed whether it exists in its own right or only through the files in it.
    /// </summary>
    public async Task<FolderListing> ListAsync(StorageNamespace ns, string folderKey, bool recursive, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var prefix = folderKey.Length == 0 ? "" : folderKey + "/";
        var rows = await FileQueries.LiveUnderAsync(connection, null, ns.Id, prefix, cancellationToken);
        var files = new List<FileEntry>();
        var folders = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in rows.Select(r => r.ToEntry()))
        {
            var rest = entry.Path[prefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (recursive)
            {
                // Every folder above the entry, then the entry itself when it is a folder.
                for (var at = slash; at >= 0; at = rest.IndexOf('/', at + 1))
                {
                    folders.Add(rest[..at]);
                }
            }
            else if (slash >= 0)
            {
                folders.Add(rest[..slash]);
                continue;
            }

            if (entry.Folder)
            {
                folders.Add(rest);
            }
            else
            {
                files.Add(entry);
            }
        }

        return new FolderListing(files, [.. folders]);
    }

    /// <summary>Deleted files still in the trash, newest deletion first.</summary>
    public async Task<IReadOnlyList<FileEntry>> TrashAsync(StorageNamespace ns, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<FileRow>(new CommandDefinition(
            $"SELECT {FileRow.Columns} FROM files WHERE namespace_id = @Ns AND deleted = 1 ORDER BY modified_at_ms DESC, id LIMIT 1000",
            new { Ns = ns.Id },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToEntry())];
    }

    /// <summary>The namespace's latest change number: a cursor from which only newer changes are listed.</summary>
    public async Task<long> LatestCursorAsync(StorageNamespace ns, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT change_seq FROM namespaces WHERE id = @Id", new { Id = ns.Id }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Files changed after <paramref name="cursor"/>. The namespace's number is read first, and only
    /// changes up to it are listed: every change up to it has committed, so none is skipped.
    /// </summary>
    public async Task<ChangePage> ChangesAsync(StorageNamespace ns, long cursor, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var (latest, resetSeq) = await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
            "SELECT change_seq, reset_seq FROM namespaces WHERE id = @Id", new { Id = ns.Id }, cancellationToken: cancellationToken));
        var reset = cursor < resetSeq;
        var rows = (await connection.QueryAsync<FileRow>(new CommandDefinition(
            $"SELECT {FileRow.Columns} FROM files WHERE namespace_id = @Ns AND change_seq > @From AND change_seq <= @Latest ORDER BY change_seq LIMIT @Limit",
            new { Ns = ns.Id, From = reset ? 0 : cursor, Latest = latest, Limit = limit + 1 },
            cancellationToken: cancellationToken))).ToList();
        var page = rows.Take(limit).Select(r => r.ToEntry()).ToList();
        var hasMore = rows.Count > limit;
        return new ChangePage(page, hasMore ? page[^1].ChangeSeq : Math.Max(latest, cursor), hasMore, reset);
    }

    /// <summary>A file's versions, newest first.</summary>
    public async Task<IReadOnlyList<FileVersion>> VersionsAsync(StorageNamespace ns, string fileId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<VersionRow>(new CommandDefinition(
            $"SELECT {VersionRow.Columns} FROM versions WHERE namespace_id = @Ns AND file_id = @FileId ORDER BY number DESC",
            new { Ns = ns.Id, FileId = fileId },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToVersion())];
    }

    public async Task<FileVersion?> VersionAsync(StorageNamespace ns, string versionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        return (await FileQueries.VersionAsync(connection, null, ns.Id, versionId, cancellationToken))?.ToVersion();
    }

    /// <summary>A version's blocks in order, with their offsets in the file and where their bytes are.</summary>
    public async Task<IReadOnlyList<StoredBlock>> BlocksAsync(StorageNamespace ns, string versionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Hash, long Length, string BlobKey, long BlobOffset, long StoredLength)>(new CommandDefinition(
            FileQueries.BlockListSql(database.Database.Engine),
            new { Id = versionId, Ns = ns.Id },
            cancellationToken: cancellationToken));
        var blocks = new List<StoredBlock>();
        long offset = 0;
        foreach (var (hash, length, blobKey, blobOffset, storedLength) in rows)
        {
            blocks.Add(new StoredBlock(hash, checked((int)length), offset, new BlobLocation(blobKey, blobOffset, storedLength)));
            offset += length;
        }

        return blocks;
    }

    /// <summary>Runs one change to a namespace in a transaction; commits and announces it only when it made a version.</summary>
    private Task<WriteResult> WriteAsync(StorageNamespace ns, Func<NamespaceWrite, Task<WriteResult>> work, CancellationToken cancellationToken) =>
        WriteAcrossAsync([ns], writes => work(writes[0]), cancellationToken);

    /// <summary>
    /// Runs one change to one or more namespaces in one transaction (their writes given in the order
    /// of <paramref name="spaces"/>). The namespace rows are locked in the order of their ids, so two
    /// changes over the same namespaces cannot deadlock. Commits and announces only when it made a version.
    /// </summary>
    private async Task<WriteResult> WriteAcrossAsync(IReadOnlyList<StorageNamespace> spaces, Func<IReadOnlyList<NamespaceWrite>, Task<WriteResult>> work, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var writes = new NamespaceWrite[spaces.Count];
        foreach (var i in Enumerable.Range(0, spaces.Count).OrderBy(i => spaces[i].Id, StringComparer.Ordinal))
        {
            writes[i] = await NamespaceWrite.BeginAsync(database.Database.Engine, connection, transaction, spaces[i], now, history, cancellationToken);
        }

        WriteResult result;
        try
        {
            result = await work(writes);
        }
        catch (DbException error) when (IsForeignKeyViolation(error))
        {
            // A block named was collected between the check and the insert.
            return WriteResult.Fail(WriteOutcome.MissingBlocks, "A block was collected while the change ran; nothing changed. Upload the missing blocks again, or try again.");
        }

        if (result.Outcome is WriteOutcome.Committed or WriteOutcome.ConflictedCopy)
        {
            await transaction.CommitAsync(cancellationToken);
            foreach (var ns in spaces)
            {
                await notifier.PublishAsync(ns.Id);
            }
        }

        return result;
    }

    private static bool IsForeignKeyViolation(DbException error) =>
        error.SqlState == "23503" || error.Message.Contains("FOREIGN KEY constraint failed", StringComparison.Ordinal);

    private async Task<IReadOnlyList<string>> MissingBlocksAsync(NamespaceWrite write, IReadOnlyList<BlockRef> blocks, CancellationToken cancellationToken)
    {
        var distinct = blocks.Select(b => b.Hash).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return [];
        }

        var engine = database.Database.Engine;
        var present = (await write.Connection.QueryAsync<(string Hash, long Length)>(new CommandDefinition(
            $"SELECT hash, length FROM blocks WHERE namespace_id = @Ns AND {BlockHashes.AnyOf(engine, "hash")}",
            new { Ns = write.Namespace.Id, Hashes = BlockHashes.Parameter(engine, distinct) },
            write.Transaction,
            cancellationToken: cancellationToken))).ToDictionary(p => p.Hash, p => p.Length, StringComparer.Ordinal);
        return [.. blocks.Where(b => !present.TryGetValue(b.Hash, out var length) || length != b.Length).Select(b => b.Hash).Distinct(StringComparer.Ordinal)];
    }
}
