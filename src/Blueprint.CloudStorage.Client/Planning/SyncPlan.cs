namespace Blueprint.CloudStorage.Client.Planning;

/// <summary>
/// A pass's plan: the actions, the files skipped and why, the cursor the remote view was read at,
/// and the base entries to update without an action (same content under a new stamp: touched, or
/// rewritten unchanged), so those files are not read again.
/// </summary>
internal sealed record SyncPlan(IReadOnlyList<PlannedAction> Actions, IReadOnlyList<SyncAction> Skipped, long Cursor, IReadOnlyDictionary<string, SyncedFile> Restamped);
