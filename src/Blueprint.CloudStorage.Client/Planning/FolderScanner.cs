using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.CloudStorage.Client.Planning;

/// <summary>
/// Reads the synced folder for a pass: every syncable entry by key, hashed unless its size and stamp
/// match the base's — or it is large, and new to the base and to the server's changes (nothing to
/// compare it with: its upload reads it).
/// </summary>
internal static class FolderScanner
{
    public static async Task<LocalScan> ScanAsync(ISyncFileSystem fs, SyncState mergeBase, RemoteView remote, CancellationToken cancellationToken)
    {
        var byKey = new Dictionary<string, LocalState>(StringComparer.Ordinal);
        var skipped = new List<SyncAction>();
        foreach (var file in fs.List().OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (!SyncPath.TryParse(file.Path, out var path, out var error))
            {
                skipped.Add(new SyncAction("skip", file.Path, $"not syncable: {error}"));
                continue;
            }

            mergeBase.Files.TryGetValue(path.Key, out var b);
            if (byKey.TryGetValue(path.Key, out var other))
            {
                // Two names differing only in case: the server (and Windows, macOS) hold one of them.
                var keep = b is not null && file.Path == b.Path ? file.Path : other.Path;
                skipped.Add(new SyncAction("skip", keep == file.Path ? other.Path : file.Path, $"differs only in case from '{keep}'"));
                if (keep == other.Path)
                {
                    continue;
                }
            }

            if (file.Folder)
            {
                byKey[path.Key] = new LocalState(file, "", null);
                continue;
            }

            if (b is null && file.Size >= SyncEngine.SendWhileReadingFrom && !remote.Knows(path.Key))
            {
                byKey[path.Key] = new LocalState(file, LocalState.Unread, null);
                continue;
            }

            if (b is not null && b.ModifiedTicks != 0 && file.Size == b.Size && file.ModifiedTicks == b.ModifiedTicks)
            {
                byKey[path.Key] = new LocalState(file, b.ContentHash, null);
                continue;
            }

            try
            {
                await using var stream = fs.OpenRead(file.Path);
                var blocks = await FileBlocks.ReadAsync(stream, file.Size, cancellationToken);
                byKey[path.Key] = new LocalState(file, blocks.ContentHash, blocks);
            }
            catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
            {
                skipped.Add(new SyncAction("skip", file.Path, $"cannot be read now: {unreadable.Message}"));
                if (b is not null)
                {
                    // Unreadable is not deleted: keep it out of the plan by looking unchanged.
                    byKey[path.Key] = new LocalState(file with { Path = b.Path }, b.ContentHash, null);
                }
            }
        }

        return new LocalScan(byKey, skipped);
    }
}
