namespace Blueprint.CloudStorage.Client;

/// <summary>What a sync did (or, in a dry run, would do) to one path.</summary>
public sealed record SyncAction(string Kind, string Path, string Detail)
{
    public override string ToString() => $"{Kind,-14} {Path}{(Detail.Length > 0 ? $"  ({Detail})" : "")}";
}

/// <summary>The outcome of <see cref="SyncEngine.SyncAsync"/>: what was done, what was skipped and why, and the bytes moved.</summary>
public sealed record SyncReport(IReadOnlyList<SyncAction> Done, IReadOnlyList<SyncAction> Skipped, bool Converged, long BytesUploaded, long BytesDownloaded);

/// <summary>Progress of one transfer, for a progress bar.</summary>
public readonly record struct SyncProgress(string Kind, string Path, long Done, long Total);
