using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.CloudStorage.Client;

/// <summary>
/// Keeps a folder and a namespace in sync (003 §15). Each pass reads the remote changes since the
/// cursor and scans the folder, then decides every path from three states — the merge base (as it
/// was when last in sync), the local file and the remote file — as a three-way merge does:
/// a side that changed wins over one that did not; an edit beats a delete; two different edits
/// keep both, the later as "name (conflicted copy DEVICE DATE)". Folders are entries too, so an empty
/// folder syncs; a folder is deleted only once empty, after what was in it. Every action saves the state, so a
/// client killed at any point restarts, re-plans and converges; every write to the folder is
/// atomic. Runs against <see cref="ISyncFileSystem"/> and <see cref="IStorageRemote"/> (whose
/// stamps and failures the simulation drives deterministically); a file's stamp is trusted only
/// when the file system says it is settled (<see cref="LocalFile.Settled"/>), by its own clock.
/// </summary>
public sealed partial class SyncEngine
{
    /// <summary>Passes per sync before giving up on converging (each pass settles what the last one started).</summary>
    public const int MaxPasses = 8;

    /// <summary>
    /// Tries a sync gives one action the folder refused (an I/O error): a second pass gets past a
    /// passing fault, and a full disk does not cost a download every pass.
    /// </summary>
    public const int MaxFolderRefusals = 2;

    private readonly ISyncFileSystem _fs;
    private readonly IStorageRemote _remote;
    private readonly IProgress<SyncProgress>? _progress;
    private SyncState _state;
    private long _uploaded;
    private long _downloaded;

    // The actions the folder refused in this sync, by path: how often, and the last refusal.
    private readonly Dictionary<string, (int Times, SyncAction Problem)> _refusals = new(StringComparer.Ordinal);

    /// <param name="fs">The synced folder.</param>
    /// <param name="remote">The namespace on the server.</param>
    /// <param name="progress">Told of every transfer's progress.</param>
    public SyncEngine(ISyncFileSystem fs, IStorageRemote remote, IProgress<SyncProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(fs);
        _fs = fs;
        _remote = remote;
        _progress = progress;
        _state = SyncState.Load(fs);
    }

    /// <summary>The merge base as it stands.</summary>
    public SyncState State => _state;

    /// <summary>
    /// Syncs until a pass finds nothing to do (converged) or <see cref="MaxPasses"/> run out. A dry run
    /// plans one pass and reports it without changing anything here or on the server.
    /// </summary>
    /// <exception cref="RemoteUnavailableException">The server could not be reached; what was done so far is saved.</exception>
    public async Task<SyncReport> SyncAsync(bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var done = new List<SyncAction>();
        var skipped = new List<SyncAction>();
        (_uploaded, _downloaded) = (0, 0);
        _refusals.Clear();
        if (!dryRun)
        {
            _fs.CleanUp();
        }

        _state = SyncState.Load(_fs);
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var plan = await PlanAsync(cancellationToken);
            if (dryRun)
            {
                return new SyncReport([.. plan.Actions.Select(a => a.Describe())], plan.Skipped, plan.Actions.Count == 0, 0, 0);
            }

            skipped = [.. plan.Skipped];
            if (plan.Actions.Count == 0)
            {
                _state.Cursor = plan.Cursor;
                _state.Save(_fs);
                return new SyncReport(done, skipped, true, _uploaded, _downloaded);
            }

            var (allDone, tried) = (true, 0);
            foreach (var action in plan.Actions)
            {
                if (_refusals.GetValueOrDefault(action.Describe().Path) is { Times: >= MaxFolderRefusals } refused)
                {
                    skipped.Add(refused.Problem);
                    allDone = false;
                    continue;
                }

                tried++;
                if (await ExecuteAsync(action, cancellationToken) is { } problem)
                {
                    skipped.Add(problem);
                    allDone = false;
                }
                else
                {
                    done.Add(action.Describe());
                }
            }

            // Every action left is one the folder refused too often: another pass would plan the same.
            if (tried == 0)
            {
                break;
            }

            // The cursor moves on only when every change it covers is in the base; else the next pass sees them again.
            if (allDone && !plan.Actions.Any(a => a.LeavesRemoteChange))
            {
                _state.Cursor = plan.Cursor;
                _state.Save(_fs);
            }
        }

        return new SyncReport(done, skipped, false, _uploaded, _downloaded);
    }

    private async Task<SyncPlan> PlanAsync(CancellationToken cancellationToken)
    {
        var changes = await _remote.ChangesAsync(_state.Cursor, cancellationToken);
        var (remoteByKey, remoteGone, newRemote) = RemoteView(changes);
        var skipped = new List<SyncAction>();
        var local = await ScanAsync(skipped, key => !remoteByKey.ContainsKey(key), cancellationToken);

        var actions = new List<PlannedAction>();
        var keys = _state.Files.Keys.Concat(local.Keys).Concat(remoteByKey.Keys).Concat(remoteGone).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            _state.Files.TryGetValue(key, out var b);
            local.TryGetValue(key, out var l);
            var r = remoteByKey.TryGetValue(key, out var changed) ? changed
                : remoteGone.Contains(key) || b is null ? null
                : new RemoteFile(b.FileId, b.Path, b.Version, b.Size, b.ContentHash, false, b.Folder);
            if (Decide(key, b, l, r, newRemote) is { } action)
            {
                actions.Add(action);
            }
            else if (b is not null && l?.Blocks is not null)
            {
                // Same content under a new stamp (touched, or rewritten unchanged): remember the stamp, so it is not read again.
                _state.Files[key] = b with { Size = l.File.Size, ModifiedTicks = TrustedStamp(l.File) };
            }
        }

        return new SyncPlan(InOrder(actions), skipped, changes.Cursor);
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

    // The remote tree as a change to the base: files now live at a key, keys whose file left
    // (deleted or moved away), and files the base does not know.
    private (Dictionary<string, RemoteFile> ByKey, HashSet<string> Gone, IReadOnlyList<RemoteFile> New) RemoteView(RemoteChanges changes)
    {
        var keyOfFile = _state.Files.ToDictionary(f => f.Value.FileId, f => f.Key, StringComparer.Ordinal);
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
            gone.UnionWith(_state.Files.Keys.Where(k => !byKey.ContainsKey(k)));
        }

        return (byKey, gone, fresh);
    }

    // Every syncable local file by key, hashed unless its size and stamp match the base's — or it is
    // large, and new to the base and to the server's changes (nothing to compare it with: its upload reads it).
    private async Task<Dictionary<string, LocalState>> ScanAsync(List<SyncAction> skipped, Func<string, bool> unknownToServer, CancellationToken cancellationToken)
    {
        var byKey = new Dictionary<string, LocalState>(StringComparer.Ordinal);
        foreach (var file in _fs.List().OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (!SyncPath.TryParse(file.Path, out var path, out var error))
            {
                skipped.Add(new SyncAction("skip", file.Path, $"not syncable: {error}"));
                continue;
            }

            _state.Files.TryGetValue(path.Key, out var b);
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

            if (b is null && file.Size >= SendWhileReadingFrom && unknownToServer(path.Key))
            {
                byKey[path.Key] = new LocalState(file, LocalState.Unread, null);
                continue;
            }

            if (b is not null && b.ModifiedTicks != 0 && file.Size == b.Size && file.ModifiedTicks == b.ModifiedTicks)
            {
                byKey[path.Key] = new LocalState(file with { Path = file.Path }, b.ContentHash, null);
                continue;
            }

            try
            {
                await using var stream = _fs.OpenRead(file.Path);
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

        return byKey;
    }
}
