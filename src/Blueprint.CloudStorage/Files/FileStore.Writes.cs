using Blueprint.BuildingBlocks.Sync;
using Blueprint.CloudStorage.History;
using Blueprint.CloudStorage.Namespaces;
using Dapper;

namespace Blueprint.CloudStorage.Files;

internal sealed partial class FileStore
{
    /// <summary>
    /// Commits a version of <paramref name="path"/> made of <paramref name="blocks"/>, all of which
    /// must be stored already (000 §8.3 uploadChange; 003 §15). <paramref name="parentVersion"/> is the
    /// version the client edited (null for a new file). If another version committed first, the first
    /// wins: this one fails as stale or, with <paramref name="keepConflictedCopy"/>, is kept beside it as
    /// "name (conflicted copy DEVICE DATE)". An edit whose parent was deleted meanwhile brings the file
    /// back. A list naming blocks the namespace lacks fails with them listed (checked last, by the
    /// insert of the list itself).
    /// </summary>
    public Task<WriteResult> CommitAsync(StorageNamespace ns, Writer writer, SyncPath path, string? parentVersion, IReadOnlyList<BlockRef> blocks, bool keepConflictedCopy, CancellationToken cancellationToken) =>
        WriteAsync(ns, async write =>
        {
            var live = await write.LiveFileAsync(path, cancellationToken);
            if (live is { IsFolder: true })
            {
                return WriteResult.Fail(WriteOutcome.PathTaken, $"'{live.Path}' is a folder.", live.ToEntry());
            }

            if (live is not null && live.ContentHash == ContentHash.Of(blocks))
            {
                return WriteResult.Done(WriteOutcome.Unchanged, live.ToEntry());
            }

            var fileId = await ParentFileAsync(write, live, parentVersion, cancellationToken);
            var outcome = WriteOutcome.Committed;
            if (fileId is null && (live is not null || parentVersion is not null))
            {
                if (!keepConflictedCopy)
                {
                    return WriteResult.Fail(WriteOutcome.Stale, $"'{path}' changed since version {parentVersion ?? "(none)"}; fetch the current version and commit against it.", live?.ToEntry());
                }

                path = await FreeConflictedCopyAsync(write, path, writer.Device, cancellationToken);
                outcome = WriteOutcome.ConflictedCopy;
            }
            else if (fileId is null && await ClashAsync(write, path, cancellationToken) is { } clash)
            {
                return WriteResult.Fail(WriteOutcome.PathTaken, clash);
            }

            var size = blocks.Sum(b => (long)b.Length);
            if (!await write.FitsAsync(size - (fileId is not null && fileId == live?.Id ? live.Size : 0), cancellationToken))
            {
                return WriteResult.Fail(WriteOutcome.OverQuota, $"The namespace's quota of {ns.QuotaBytes:N0} bytes would be exceeded.");
            }

            FileEntry entry;
            try
            {
                entry = await write.AddVersionAsync(fileId, path, VersionKinds.Edit, blocks, writer.UserId, writer.Device, cancellationToken);
            }
            catch (BlocksNotStoredException)
            {
                // Found by the insert of the list itself (one pass over 65,000 blocks, not two); which
                // ones are missing is worked out only now, for the answer. Nothing is committed.
                var missing = await MissingBlocksAsync(write, blocks, cancellationToken);
                return new WriteResult(WriteOutcome.MissingBlocks, Missing: missing, Reason: $"{missing.Count} of the blocks named were never uploaded to this namespace, or were uploaded with another length.");
            }

            await write.RecordAsync(writer.UserId, HistoryActions.Upload, entry, writer.Device, cancellationToken);
            return WriteResult.Done(outcome, entry);
        }, cancellationToken);

    /// <summary>
    /// Makes a folder in its own right, so that it exists (and syncs) even when empty. Making one that
    /// exists is unchanged; a file at the path, or at a folder above it, is a clash.
    /// </summary>
    public Task<WriteResult> CreateFolderAsync(StorageNamespace ns, Writer writer, SyncPath path, CancellationToken cancellationToken) =>
        WriteAsync(ns, async write =>
        {
            if (await write.LiveFileAsync(path, cancellationToken) is { } live)
            {
                return live.IsFolder
                    ? WriteResult.Done(WriteOutcome.Unchanged, live.ToEntry())
                    : WriteResult.Fail(WriteOutcome.PathTaken, $"'{live.Path}' is a file.", live.ToEntry());
            }

            if (await ClashAsync(write, path, cancellationToken, asFolder: true) is { } clash)
            {
                return WriteResult.Fail(WriteOutcome.PathTaken, clash);
            }

            var entry = await write.AddVersionAsync(null, path, VersionKinds.Folder, [], writer.UserId, writer.Device, cancellationToken);
            await write.RecordAsync(writer.UserId, HistoryActions.CreateFolder, entry, writer.Device, cancellationToken);
            return WriteResult.Done(WriteOutcome.Committed, entry);
        }, cancellationToken);

    /// <summary>
    /// Moves a file, or a folder with everything in it, to the trash. A stale parent fails: an edit
    /// beats a concurrent delete, and a folder deleted against its version must be empty.
    /// </summary>
    public Task<WriteResult> DeleteAsync(StorageNamespace ns, Writer writer, SyncPath path, string? parentVersion, CancellationToken cancellationToken) =>
        WriteAsync(ns, async write =>
        {
            var targets = await TargetsAsync(write, path, cancellationToken);
            if (targets.Count == 0)
            {
                return WriteResult.Fail(WriteOutcome.NotFound, $"There is no file or folder '{path}'.");
            }

            if (parentVersion is not null && (targets.Count != 1 || targets[0].HeadVersion != parentVersion))
            {
                var reason = targets[0].IsFolder && targets.Count > 1
                    ? $"'{path}' holds files or folders now; they win over the delete."
                    : $"'{path}' changed since version {parentVersion}; the change wins over the delete.";
                return WriteResult.Fail(WriteOutcome.Stale, reason, targets[0].ToEntry());
            }

            var deleted = new List<FileEntry>();
            foreach (var file in targets)
            {
                var entry = await write.AddVersionAsync(file.Id, SyncPath.Stored(file.Path), VersionKinds.Delete, [], writer.UserId, writer.Device, cancellationToken);
                await write.RecordAsync(writer.UserId, HistoryActions.Delete, entry, writer.Device, cancellationToken);
                deleted.Add(entry);
            }

            return new WriteResult(WriteOutcome.Committed, deleted[0], Files: deleted);
        }, cancellationToken);

    /// <summary>
    /// Moves or renames a file, or a folder with everything in it; a case-only rename is a rename. A
    /// folder renamed in case only against its version (as a sync client does) renames the folder
    /// alone: the client renames what is in it one by one, each against its own version.
    /// </summary>
    public Task<WriteResult> MoveAsync(StorageNamespace ns, Writer writer, SyncPath from, SyncPath to, string? parentVersion, CancellationToken cancellationToken) =>
        WriteAsync(ns, async write =>
        {
            var targets = await TargetsAsync(write, from, cancellationToken);
            var caseOnly = from.Key == to.Key;
            if (parentVersion is not null && caseOnly && targets is [{ IsFolder: true } folder, ..])
            {
                targets = [folder];
            }

            if (targets.Count == 0)
            {
                return WriteResult.Fail(WriteOutcome.NotFound, $"There is no file or folder '{from}'.");
            }

            if (to.IsUnder(from.Key))
            {
                return WriteResult.Fail(WriteOutcome.Refused, $"A folder cannot move into itself ('{from}' → '{to}').");
            }

            if (parentVersion is not null && (targets.Count != 1 || targets[0].HeadVersion != parentVersion))
            {
                return WriteResult.Fail(WriteOutcome.Stale, $"'{from}' changed since version {parentVersion}.", targets[0].ToEntry());
            }

            if (to.Value == targets[0].Path && targets.Count == 1)
            {
                return WriteResult.Done(WriteOutcome.Unchanged, targets[0].ToEntry());
            }

            var moving = targets.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
            var moved = new List<FileEntry>();
            foreach (var file in targets)
            {
                var target = SyncPath.Stored(file.Path).Rebase(from, to);
                if (await write.LiveFileAsync(target, cancellationToken) is { } occupant && !moving.Contains(occupant.Id))
                {
                    return WriteResult.Fail(WriteOutcome.PathTaken, $"'{occupant.Path}' exists already.", occupant.ToEntry());
                }

                if (await ClashAsync(write, target, cancellationToken, moving, asFolder: file.IsFolder && caseOnly) is { } clash)
                {
                    return WriteResult.Fail(WriteOutcome.PathTaken, clash);
                }

                var blocks = await write.BlocksOfAsync(file.HeadVersion, cancellationToken);
                var entry = await write.AddVersionAsync(file.Id, target, VersionKinds.Move, blocks, writer.UserId, writer.Device, cancellationToken);
                await write.RecordAsync(writer.UserId, HistoryActions.Move, entry, writer.Device, cancellationToken);
                moved.Add(entry);
            }

            return new WriteResult(WriteOutcome.Committed, moved[0], Files: moved);
        }, cancellationToken);

    /// <summary>Makes an old version of a live file its newest version again.</summary>
    public Task<WriteResult> RestoreAsync(StorageNamespace ns, Writer writer, SyncPath path, string versionId, CancellationToken cancellationToken) =>
        WriteAsync(ns, async write =>
        {
            var live = await write.LiveFileAsync(path, cancellationToken);
            var version = await write.VersionAsync(versionId, cancellationToken);
            if (live is null || version is null || version.FileId != live.Id)
            {
                return WriteResult.Fail(WriteOutcome.NotFound, $"'{path}' has no version {versionId}.");
            }

            if (live.IsFolder)
            {
                return WriteResult.Fail(WriteOutcome.Refused, $"'{live.Path}' is a folder; a folder has no content to restore.");
            }

            if (version.Kind == VersionKinds.Delete)
            {
                return WriteResult.Fail(WriteOutcome.Refused, $"Version {versionId} is a deletion; it has no content to restore.");
            }

            if (!await write.FitsAsync(version.Size - live.Size, cancellationToken))
            {
                return WriteResult.Fail(WriteOutcome.OverQuota, $"The namespace's quota of {ns.QuotaBytes:N0} bytes would be exceeded.");
            }

            var blocks = await write.BlocksOfAsync(version.Id, cancellationToken);
            var entry = await write.AddVersionAsync(live.Id, SyncPath.Stored(live.Path), VersionKinds.Restore, blocks, writer.UserId, writer.Device, cancellationToken);
            await write.RecordAsync(writer.UserId, HistoryActions.Restore, entry, writer.Device, cancellationToken);
            return WriteResult.Done(WriteOutcome.Committed, entry);
        }, cancellationToken);

    /// <summary>Brings a file back from the trash, at the path it was deleted from, with its last content.</summary>
    public Task<WriteResult> UndeleteAsync(StorageNamespace ns, Writer writer, string fileId, CancellationToken cancellationToken) =>
        WriteAsync(ns, async write =>
        {
            var file = await write.FileAsync(fileId, cancellationToken);
            var last = file is { Deleted: 1 } ? await write.LastContentVersionAsync(file.Id, cancellationToken) : null;
            if (file is null || last is null)
            {
                return WriteResult.Fail(WriteOutcome.NotFound, $"There is no file {fileId} in the trash.");
            }

            var path = SyncPath.Stored(file.Path);
            if (await write.LiveFileAsync(path, cancellationToken) is { } occupant)
            {
                return WriteResult.Fail(WriteOutcome.PathTaken, $"'{occupant.Path}' exists again; move it away first.", occupant.ToEntry());
            }

            if (await ClashAsync(write, path, cancellationToken, asFolder: file.IsFolder) is { } clash)
            {
                return WriteResult.Fail(WriteOutcome.PathTaken, clash);
            }

            if (!await write.FitsAsync(last.Size, cancellationToken))
            {
                return WriteResult.Fail(WriteOutcome.OverQuota, $"The namespace's quota of {ns.QuotaBytes:N0} bytes would be exceeded.");
            }

            var blocks = await write.BlocksOfAsync(last.Id, cancellationToken);
            var entry = await write.AddVersionAsync(file.Id, path, VersionKinds.Undelete, blocks, writer.UserId, writer.Device, cancellationToken);
            await write.RecordAsync(writer.UserId, HistoryActions.Undelete, entry, writer.Device, cancellationToken);
            return WriteResult.Done(WriteOutcome.Committed, entry);
        }, cancellationToken);

    // The file whose version the client edited, if committing onto it is not a conflict: the live
    // file at the path when the parent is its head, or a deleted file whose last content was the parent.
    private static async Task<string?> ParentFileAsync(NamespaceWrite write, FileRow? live, string? parentVersion, CancellationToken cancellationToken)
    {
        if (parentVersion is null)
        {
            return null;
        }

        if (live is not null)
        {
            return live.HeadVersion == parentVersion ? live.Id : null;
        }

        var parent = await write.VersionAsync(parentVersion, cancellationToken);
        var file = parent is null ? null : await write.FileAsync(parent.FileId, cancellationToken);
        return file is { Deleted: 1 } && (await write.LastContentVersionAsync(file.Id, cancellationToken))?.Id == parent!.Id ? file.Id : null;
    }

    private static async Task<SyncPath> FreeConflictedCopyAsync(NamespaceWrite write, SyncPath path, string device, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(write.NowMs).UtcDateTime);
        for (var attempt = 1; ; attempt++)
        {
            var copy = path.ConflictedCopy(device, day, attempt);
            if (await write.LiveFileAsync(copy, cancellationToken) is null && await ClashAsync(write, copy, cancellationToken) is null)
            {
                return copy;
            }
        }
    }

    private static Task<IReadOnlyList<FileRow>> TargetsAsync(NamespaceWrite write, SyncPath path, CancellationToken cancellationToken) =>
        FileQueries.TreeAtAsync(write.Connection, write.Transaction, write.Namespace.Id, path, cancellationToken);

    // A path cannot be a file and a folder at once: no live file may sit where one of its folders
    // would be, and a file may not take the name of a folder that holds files (a folder made where
    // files already imply one, or renamed in case only, may).
    private static async Task<string?> ClashAsync(NamespaceWrite write, SyncPath path, CancellationToken cancellationToken, HashSet<string>? ignoring = null, bool asFolder = false)
    {
        var folder = path.Folder;
        while (folder.Length > 0)
        {
            if (await write.LiveFileAsync(SyncPath.Stored(folder), cancellationToken) is { IsFolder: false } file && ignoring?.Contains(file.Id) != true)
            {
                return $"'{file.Path}' is a file, so it cannot hold '{path}'.";
            }

            folder = SyncPath.Stored(folder).Folder;
        }

        if (asFolder)
        {
            return null;
        }

        var prefix = path.Key + "/";
        var inside = await write.Connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
            "SELECT id FROM files WHERE namespace_id = @Ns AND deleted = 0 AND substr(path_key, 1, @Length) = @Prefix LIMIT 1",
            new { Ns = write.Namespace.Id, Prefix = prefix, prefix.Length },
            write.Transaction,
            cancellationToken: cancellationToken));
        return inside is not null && ignoring?.Contains(inside) != true ? $"'{path}' is a folder with files in it." : null;
    }
}
