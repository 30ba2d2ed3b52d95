namespace Blueprint.CloudStorage.Client.Planning;

/// <summary>Decides one pass of a sync from three states, without touching the folder or the server.</summary>
internal interface ISyncPlanner
{
    /// <summary>The actions that bring the merge base, the remote tree and the local folder together.</summary>
    SyncPlan Plan(SyncState mergeBase, RemoteView remote, LocalScan local);
}
