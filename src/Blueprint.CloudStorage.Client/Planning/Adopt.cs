namespace Blueprint.CloudStorage.Client.Planning;

/// <summary>Both sides hold the same content: remember it as the base (after an interrupted run, or the same edit twice).</summary>
internal sealed record Adopt(string Key, RemoteFile Remote, LocalState Local) : PlannedAction(Key)
{
    public override SyncAction Describe() => new("in sync", Remote.Path, "same content on both sides");
}
