namespace Blueprint.CloudStorage.Contracts;

/// <summary>A file, or with <c>Folder</c> a folder in its own right (no content, an empty content hash).</summary>
public sealed record FileResponse(string Id, string Path, string Version, long Number, long Size, string ContentHash, bool Deleted, DateTimeOffset ModifiedAt, long Cursor, bool Folder);
