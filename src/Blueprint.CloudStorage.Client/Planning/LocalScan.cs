namespace Blueprint.CloudStorage.Client.Planning;

/// <summary>The folder as one pass found it: every syncable entry by key, and the entries skipped and why.</summary>
internal sealed record LocalScan(IReadOnlyDictionary<string, LocalState> Files, IReadOnlyList<SyncAction> Skipped);
