namespace Blueprint.CloudStorage.Client;

/// <summary>The outcome of <see cref="SyncEngine.SyncAsync"/>: what was done, what was skipped and why, and the bytes moved.</summary>
public sealed record SyncReport(IReadOnlyList<SyncAction> Done, IReadOnlyList<SyncAction> Skipped, bool Converged, long BytesUploaded, long BytesDownloaded);
