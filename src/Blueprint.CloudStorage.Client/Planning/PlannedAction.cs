namespace Blueprint.CloudStorage.Client.Planning;

/// <summary>One step of a pass, decided from the merge base (B), the local file (L) and the remote file (R) at one key.</summary>
internal abstract record PlannedAction(string Key)
{
    public abstract SyncAction Describe();

    /// <summary>True when, done, it still leaves the remote change at its key to bring here (the winner of a conflict).</summary>
    public virtual bool LeavesRemoteChange => false;
}
