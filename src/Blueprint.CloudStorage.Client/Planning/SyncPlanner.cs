namespace Blueprint.CloudStorage.Client.Planning;

/// <summary>
/// The three-way merge (003 §15): every path is decided from the merge base (as it was when last in
/// sync), the local file and the remote file. A side that changed wins over one that did not; an
/// edit beats a delete; two different edits keep both, the later as "name (conflicted copy DEVICE
/// DATE)". Folders are entries too, so an empty folder syncs; a folder is deleted only once empty,
/// after what was in it. Pure: the same three states always give the same plan.
/// </summary>
internal sealed class SyncPlanner : ISyncPlanner
{
    public SyncPlan Plan(SyncState mergeBase, RemoteView remote, LocalScan local)
    {
        ArgumentNullException.ThrowIfNull(mergeBase);
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(local);
        var actions = new List<PlannedAction>();
        var restamped = new Dictionary<string, SyncedFile>(StringComparer.Ordinal);
        var keys = mergeBase.Files.Keys.Concat(local.Files.Keys).Concat(remote.ByKey.Keys).Concat(remote.Gone).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            mergeBase.Files.TryGetValue(key, out var b);
            local.Files.TryGetValue(key, out var l);
            if (Decide(key, b, l, remote.At(key, b), remote.New) is { } action)
            {
                actions.Add(action);
            }
            else if (b is not null && l?.Blocks is not null)
            {
                restamped[key] = b with { Size = l.File.Size, ModifiedTicks = l.File.TrustedStamp };
            }
        }

        return new SyncPlan(InOrder(actions), [.. local.Skipped, .. remote.Refused], remote.Cursor, restamped);
    }

    // Keys sort a folder before what is in it, which is the order to make things in; a folder is
    // deleted only once what was in it is gone, so folder deletions go last, deepest first.
    private static List<PlannedAction> InOrder(List<PlannedAction> actions)
    {
        static bool DeletesFolder(PlannedAction a) => a is DeleteLocal { Local.File.Folder: true } or DeleteRemote { Base.Folder: true };
        return [.. actions.Where(a => !DeletesFolder(a)), .. actions.Where(DeletesFolder).OrderByDescending(a => a.Key, StringComparer.Ordinal)];
    }

    private static PlannedAction? Decide(string key, SyncedFile? b, LocalState? l, RemoteFile? r, IReadOnlyList<RemoteFile> newRemote)
    {
        var localChanged = (b is null) != (l is null) || (l is not null && (l.ContentHash != b!.ContentHash || l.Path != b.Path));
        var remoteChanged = (b is null) != (r is null) || (r is not null && r.Version != b!.Version);
        return (localChanged, remoteChanged) switch
        {
            (false, false) => null,
            (true, false) when l is null => new DeleteRemote(key, b!),
            // A folder became a file, or a file a folder: the old kind goes first, the new one comes next pass.
            (true, false) when b is not null && l!.File.Folder != b.Folder => new DeleteRemote(key, b),
            (false, true) when l is not null && r is not null && l.File.Folder != r.Folder => new DeleteLocal(key, b!, l),
            (true, false) when b is not null && l!.ContentHash == b.ContentHash => new RenameRemote(key, b, l),
            (true, false) => new Upload(key, l!, b, Conflict: false),
            (false, true) when r is null => l is null ? new Forget(key, b!) : new DeleteLocal(key, b!, l),
            (false, true) => new Download(key, r!, b, l),
            _ when l is null && r is null => new Forget(key, b!),
            _ when l is not null && r is not null && l.ContentHash == r.ContentHash => new Adopt(key, r, l),
            _ when r is null => new Upload(key, l!, b, Conflict: false), // an edit beats a remote delete
            _ when l is null => new Download(key, r, b, null), // a remote edit beats a local delete
            _ => !l!.File.Folder && newRemote.FirstOrDefault(n => n.ContentHash == l.ContentHash && Keys.Of(n.Path) != key) is { } copy
                ? new AdoptCopy(key, copy, l!)
                : new Upload(key, l!, b, Conflict: true),
        };
    }
}
