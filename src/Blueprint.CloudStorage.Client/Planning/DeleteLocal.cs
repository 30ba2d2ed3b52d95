namespace Blueprint.CloudStorage.Client.Planning;

/// <summary>Delete the local file: it was deleted on the server and not changed here.</summary>
internal sealed record DeleteLocal(string Key, SyncedFile Base, LocalState Local) : PlannedAction(Key)
{
    public override SyncAction Describe() => new("delete local", Local.Path, "deleted on the server");
}
