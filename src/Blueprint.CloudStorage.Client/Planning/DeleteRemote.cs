namespace Blueprint.CloudStorage.Client.Planning;

/// <summary>Delete the remote file: it was deleted here and not changed there.</summary>
internal sealed record DeleteRemote(string Key, SyncedFile Base) : PlannedAction(Key)
{
    public override SyncAction Describe() => new("delete remote", Base.Path, "deleted here");
}
