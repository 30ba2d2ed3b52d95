namespace Blueprint.CloudStorage.Client.Planning;

/// <summary>The local content was already committed elsewhere (a conflicted copy whose local rename was interrupted): rename here to match.</summary>
internal sealed record AdoptCopy(string Key, RemoteFile Copy, LocalState Local) : PlannedAction(Key)
{
    public override bool LeavesRemoteChange => true;

    public override SyncAction Describe() => new("rename local", Local.Path, $"kept on the server as {Copy.Path}");
}
