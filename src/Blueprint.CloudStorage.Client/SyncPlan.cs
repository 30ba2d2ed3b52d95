using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.CloudStorage.Client;

/// <summary>A local file as scanned: its stamps, and its blocks unless it is known unchanged since the merge base.</summary>
internal sealed record LocalState(LocalFile File, string ContentHash, FileBlocks? Blocks)
{
    /// <summary>
    /// The content hash of a large file new on both sides, not read at the scan: nothing in the plan
    /// compares it, and its upload cuts, hashes and sends it in one read.
    /// </summary>
    public const string Unread = "(not read yet)";

    public string Path => File.Path;
}

/// <summary>One step of a pass, decided from the merge base (B), the local file (L) and the remote file (R) at one key.</summary>
internal abstract record PlannedAction(string Key)
{
    public abstract SyncAction Describe();

    /// <summary>True when, done, it still leaves the remote change at its key to bring here (the winner of a conflict).</summary>
    public virtual bool LeavesRemoteChange => false;
}

/// <summary>Send the local content: a new file, an edit, an edit that beats a remote delete, or the local side of a conflict.</summary>
internal sealed record Upload(string Key, LocalState Local, SyncedFile? Base, bool Conflict) : PlannedAction(Key)
{
    public override bool LeavesRemoteChange => Conflict;

    public override SyncAction Describe() =>
        Local.File.Folder ? new("create folder", Local.Path, "made here")
        : new(Conflict ? "conflict" : "upload", Local.Path, Base is null ? "new" : Conflict ? "both sides changed; yours is kept as a conflicted copy if the server's came first" : "changed");
}

/// <summary>Bring the remote content here (and the remote name's case).</summary>
internal sealed record Download(string Key, RemoteFile Remote, SyncedFile? Base, LocalState? Local) : PlannedAction(Key)
{
    public override SyncAction Describe() => Remote.Folder ? new("make folder", Remote.Path, "made on the server") : new("download", Remote.Path, Base is null ? "new" : "changed");
}

internal sealed record DeleteRemote(string Key, SyncedFile Base) : PlannedAction(Key)
{
    public override SyncAction Describe() => new("delete remote", Base.Path, "deleted here");
}

internal sealed record DeleteLocal(string Key, SyncedFile Base, LocalState Local) : PlannedAction(Key)
{
    public override SyncAction Describe() => new("delete local", Local.Path, "deleted on the server");
}

/// <summary>A case-only rename made here.</summary>
internal sealed record RenameRemote(string Key, SyncedFile Base, LocalState Local) : PlannedAction(Key)
{
    public override SyncAction Describe() => new("rename remote", Local.Path, $"was {Base.Path}");
}

/// <summary>Both sides hold the same content: remember it as the base (after an interrupted run, or the same edit twice).</summary>
internal sealed record Adopt(string Key, RemoteFile Remote, LocalState Local) : PlannedAction(Key)
{
    public override SyncAction Describe() => new("in sync", Remote.Path, "same content on both sides");
}

/// <summary>The local content was already committed elsewhere (a conflicted copy whose local rename was interrupted): rename here to match.</summary>
internal sealed record AdoptCopy(string Key, RemoteFile Copy, LocalState Local) : PlannedAction(Key)
{
    public override bool LeavesRemoteChange => true;

    public override SyncAction Describe() => new("rename local", Local.Path, $"kept on the server as {Copy.Path}");
}

/// <summary>Gone on both sides: forget it.</summary>
internal sealed record Forget(string Key, SyncedFile Base) : PlannedAction(Key)
{
    public override SyncAction Describe() => new("forget", Base.Path, "deleted on both sides");
}

/// <summary>A pass's plan: the actions, the files skipped and why, and the cursor the remote view was read at.</summary>
internal sealed record SyncPlan(IReadOnlyList<PlannedAction> Actions, IReadOnlyList<SyncAction> Skipped, long Cursor);

/// <summary>Path keys as the server matches them.</summary>
internal static class Keys
{
    public static string Of(string path) => SyncPath.KeyOf(path);
}
