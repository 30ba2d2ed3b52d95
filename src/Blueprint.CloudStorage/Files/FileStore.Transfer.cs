using Blueprint.BuildingBlocks.Sync;
using Blueprint.CloudStorage.History;
using Blueprint.CloudStorage.Namespaces;

namespace Blueprint.CloudStorage.Files;

internal sealed partial class FileStore
{
    /// <summary>What a path names now: the live file there, or the folder with every live file and folder under it.</summary>
    public async Task<IReadOnlyList<FileEntry>> TreeAtAsync(StorageNamespace ns, SyncPath path, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        return [.. (await FileQueries.TreeAtAsync(connection, null, ns.Id, path, cancellationToken)).Select(r => r.ToEntry())];
    }

    /// <summary>
    /// The second half of a move to another namespace, once the target holds every block: in one
    /// transaction over both namespaces, each of <paramref name="entries"/> — still at the version it
    /// had when read, or nothing moves — is added under <paramref name="to"/> in the target and moved
    /// to the trash in the source. A folder that exists in the target already takes what moves in.
    /// </summary>
    public Task<WriteResult> TransferAsync(StorageNamespace source, StorageNamespace target, Writer writer, SyncPath from, SyncPath to, IReadOnlyList<FileEntry> entries, CancellationToken cancellationToken) =>
        WriteAcrossAsync([source, target], async writes =>
        {
            try
            {
                return await TransferEntriesAsync(writes[0], writes[1], writer, from, to, entries, cancellationToken);
            }
            catch (BlocksNotStoredException)
            {
                return WriteResult.Fail(WriteOutcome.MissingBlocks, "A block copied to the target was collected before the move committed; nothing moved. Try again.");
            }
        }, cancellationToken);

    private static async Task<WriteResult> TransferEntriesAsync(NamespaceWrite source, NamespaceWrite target, Writer writer, SyncPath from, SyncPath to, IReadOnlyList<FileEntry> entries, CancellationToken cancellationToken)
    {
        if (!await target.FitsAsync(entries.Sum(e => e.Size), cancellationToken))
        {
            return WriteResult.Fail(WriteOutcome.OverQuota, $"The target's quota of {target.Namespace.QuotaBytes:N0} bytes would be exceeded.");
        }

        var moved = new List<FileEntry>();
        foreach (var entry in entries)
        {
            var row = await source.FileAsync(entry.Id, cancellationToken);
            if (row is not { Deleted: 0 } || row.HeadVersion != entry.VersionId)
            {
                return WriteResult.Fail(WriteOutcome.Stale, $"'{entry.Path}' changed while it was being moved; nothing moved.", row?.ToEntry());
            }

            var path = SyncPath.Stored(row.Path).Rebase(from, to);
            var occupant = await target.LiveFileAsync(path, cancellationToken);
            if (occupant is not null && !(occupant.IsFolder && row.IsFolder))
            {
                return WriteResult.Fail(WriteOutcome.PathTaken, $"'{occupant.Path}' exists already in the target.", occupant.ToEntry());
            }

            if (await ClashAsync(target, path, cancellationToken, asFolder: row.IsFolder) is { } clash)
            {
                return WriteResult.Fail(WriteOutcome.PathTaken, clash);
            }

            if (occupant is null)
            {
                var blocks = row.IsFolder ? [] : await source.BlocksOfAsync(row.HeadVersion, cancellationToken);
                var added = await target.AddVersionAsync(null, path, row.IsFolder ? VersionKinds.Folder : VersionKinds.Move, blocks, writer.UserId, writer.Device, cancellationToken);
                await target.RecordAsync(writer.UserId, HistoryActions.MoveIn, added, writer.Device, cancellationToken);
                moved.Add(added);
            }

            var gone = await source.AddVersionAsync(row.Id, SyncPath.Stored(row.Path), VersionKinds.Delete, [], writer.UserId, writer.Device, cancellationToken);
            await source.RecordAsync(writer.UserId, HistoryActions.MoveOut, gone, writer.Device, cancellationToken);
        }

        return moved.Count == 0
            ? WriteResult.Fail(WriteOutcome.Refused, $"Every folder of '{from}' exists in the target already and nothing else was in it; they were left where they are.")
            : new WriteResult(WriteOutcome.Committed, moved[0], Files: moved);
    }
}
