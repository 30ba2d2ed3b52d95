namespace Blueprint.CloudStorage.Contracts;

/// <summary>One entry of a namespace's hash-chained upload and download history.</summary>
public sealed record HistoryEntryResponse(long Seq, DateTimeOffset At, string UserId, string Action, string Path, string FileId, string VersionId, string Client, string PrevHash, string EntryHash);
