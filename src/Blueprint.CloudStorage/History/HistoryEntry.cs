namespace Blueprint.CloudStorage.History;

/// <summary>One entry of a namespace's history: who did what to which file, when, through which client.</summary>
internal sealed record HistoryEntry(
    long Seq,
    DateTimeOffset At,
    string UserId,
    string Action,
    string Path,
    string FileId,
    string VersionId,
    string Client,
    string PrevHash,
    string EntryHash);
