namespace Blueprint.CloudStorage.Client;

/// <summary>Progress of one transfer, for a progress bar.</summary>
public readonly record struct SyncProgress(string Kind, string Path, long Done, long Total);
