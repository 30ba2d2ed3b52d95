namespace Blueprint.CloudStorage.History;

/// <summary>What is about to be appended: everything but the position and the hashes.</summary>
internal sealed record HistoryEvent(string UserId, string Action, string Path, string FileId, string VersionId, string Client);
