namespace Blueprint.CloudStorage.Client.Planning;

/// <summary>Send the local content: a new file, an edit, an edit that beats a remote delete, or the local side of a conflict.</summary>
internal sealed record Upload(string Key, LocalState Local, SyncedFile? Base, bool Conflict) : PlannedAction(Key)
{
    public override bool LeavesRemoteChange => Conflict;

    public override SyncAction Describe() =>
        Local.File.Folder ? new("create folder", Local.Path, "made here")
        : new(Conflict ? "conflict" : "upload", Local.Path, Base is null ? "new" : Conflict ? "both sides changed; yours is kept as a conflicted copy if the server's came first" : "changed");
}
