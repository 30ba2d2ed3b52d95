using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.CloudStorage.Client.Planning;

/// <summary>
/// The remote tree as a change to the merge base: the files that now live at a key, the keys whose
/// file left (deleted or moved away), the files the base does not know, and the cursor it was read at.
/// </summary>
internal sealed record RemoteView(IReadOnlyDictionary<string, RemoteFile> ByKey, IReadOnlySet<string> Gone, IReadOnlyList<RemoteFile> New, long Cursor)
{
    /// <summary>
    /// The server's entries this folder cannot place — a name that is not a sync path (traversal,
    /// an absolute path, the client's own state folder) or that the file system cannot hold — left
    /// out of the view, so each is one refusal for its path and never an error of the whole sync.
    /// </summary>
    public IReadOnlyList<SyncAction> Refused { get; init; } = [];

    /// <summary>Reads the changes since the base's cursor as a view of the remote tree, leaving out what <paramref name="cannotHold"/> refuses.</summary>
    public static RemoteView Of(SyncState mergeBase, RemoteChanges changes, Func<string, string?>? cannotHold = null)
    {
        ArgumentNullException.ThrowIfNull(mergeBase);
        ArgumentNullException.ThrowIfNull(changes);
        var keyOfFile = mergeBase.Files.ToDictionary(f => f.Value.FileId, f => f.Key, StringComparer.Ordinal);
        var byKey = new Dictionary<string, RemoteFile>(StringComparer.Ordinal);
        var gone = new HashSet<string>(StringComparer.Ordinal);
        var fresh = new List<RemoteFile>();
        var refused = new List<SyncAction>();
        foreach (var entry in changes.Entries)
        {
            if (!entry.Deleted && Unplaceable(entry.Path, cannotHold) is { } why)
            {
                if (refused.All(r => r.Path != entry.Path))
                {
                    refused.Add(new SyncAction("skip", entry.Path, $"the server's name cannot be placed here: {why}"));
                }

                continue;
            }

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

        return new RemoteView(byKey, gone, fresh, changes.Cursor) { Refused = refused };
    }

    private static string? Unplaceable(string path, Func<string, string?>? cannotHold) =>
        !SyncPath.TryParse(path, out var parsed, out var error) ? error
        : parsed.Value != path ? "it is not written as the server writes paths"
        : cannotHold?.Invoke(path);

    /// <summary>True when the server's changes name a file at <paramref name="key"/>.</summary>
    public bool Knows(string key) => ByKey.ContainsKey(key);

    /// <summary>The remote file at <paramref name="key"/>: as changed, gone, or (unchanged) as the base remembers it.</summary>
    public RemoteFile? At(string key, SyncedFile? inBase) =>
        ByKey.TryGetValue(key, out var changed) ? changed
        : Gone.Contains(key) || inBase is null ? null
        : new RemoteFile(inBase.FileId, inBase.Path, inBase.Version, inBase.Size, inBase.ContentHash, false, inBase.Folder);
}
