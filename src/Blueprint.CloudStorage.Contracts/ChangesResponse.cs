namespace Blueprint.CloudStorage.Contracts;

/// <summary>A page of the namespace's changes after a cursor; <c>Reset</c> when the cursor is too old and the client must list everything again.</summary>
public sealed record ChangesResponse(IReadOnlyList<FileResponse> Entries, long Cursor, bool HasMore, bool Reset);
