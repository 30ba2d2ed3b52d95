namespace Blueprint.CloudStorage.Contracts;

/// <summary>A page of history, newest first; <c>Before</c> is the cursor of the next page.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryEntryResponse> Entries, long? Before);
