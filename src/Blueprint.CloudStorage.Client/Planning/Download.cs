namespace Blueprint.CloudStorage.Client.Planning;

/// <summary>Bring the remote content here (and the remote name's case).</summary>
internal sealed record Download(string Key, RemoteFile Remote, SyncedFile? Base, LocalState? Local) : PlannedAction(Key)
{
    public override SyncAction Describe() => Remote.Folder ? new("make folder", Remote.Path, "made on the server") : new("download", Remote.Path, Base is null ? "new" : "changed");
}
