namespace Blueprint.CloudStorage.Client;

/// <summary>Files changed after a cursor, each once in its latest state, and the cursor to ask from next.</summary>
public sealed record RemoteChanges(IReadOnlyList<RemoteFile> Entries, long Cursor, bool Reset);
