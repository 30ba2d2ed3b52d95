namespace Blueprint.CloudStorage.Client.Planning;

/// <summary>
/// The remote tree as a change to the merge base: the files that now live at a key, the keys whose
/// file left (deleted or moved away), the files the base does not know, and the cursor it was read at.
/// </summary>
internal sealed record RemoteView(IReadOnlyDictionary<string, RemoteFile> ByKey, IReadOnlySet<string> Gone, IReadOnlyList<RemoteFile> New, long Cursor)
{
    /// <summary>Reads the changes since the base's cursor as a view of the remote tree.</summary>
    public static RemoteView Of(SyncState mergeBase, RemoteChanges changes)
    {
        ArgumentNullException.ThrowIfNull(mergeBase);
        ArgumentNullException.ThrowIfNull(changes);
        var keyOfFile = mergeBase.Files.ToDictionary(f => f.Value.FileId, f => f.Key, StringComparer.Ordinal);
        var byKey = new Dictionary<string, RemoteFile>(StringComparer.Ordinal);
        var gone = new HashSet<string>(StringComparer.Ordinal);
        var fresh = new List<RemoteFile>();
        foreach (var entry in changes.Entries)
        {
            if (keyOfFile.TryGetValue(entry.Id, out var oldKey))
            {
                if (entry.Deleted || Keys.Of(entry.Path) != oldKey)
                {
                    gone.Add(oldKey);
                }
            }
            else if (!entry.Deleted)
            {
                fresh.Add(entry);
            }

            if (!entry.Deleted)
            {
                byKey[Keys.Of(entry.Path)] = entry;
            }
        }

        if (changes.Reset)
        {
            gone.UnionWith(mergeBase.Files.Keys.Where(k => !byKey.ContainsKey(k)));
        }

        return new RemoteView(byKey, gone, fresh, changes.Cursor);
    }

    /// <summary>True when the server's changes name a file at <paramref name="key"/>.</summary>
    public bool Knows(string key) => ByKey.ContainsKey(key);

    /// <summary>The remote file at <paramref name="key"/>: as changed, gone, or (unchanged) as the base remembers it.</summary>
    public RemoteFile? At(string key, SyncedFile? inBase) =>
        ByKey.TryGetValue(key, out var changed) ? changed
        : Gone.Contains(key) || inBase is null ? null
        : new RemoteFile(inBase.FileId, inBase.Path, inBase.Version, inBase.Size, inBase.ContentHash, false, inBase.Folder);
}
