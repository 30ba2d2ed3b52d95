namespace Blueprint.CloudStorage.Files;

/// <summary>
/// A file — or a folder in its own right — as the namespace holds it now: its path, head version, and
/// whether it is in the trash. A folder has no blocks and an empty content hash.
/// </summary>
internal sealed record FileEntry(string Id, string Path, string VersionId, long Number, long Size, string ContentHash, bool Deleted, DateTimeOffset ModifiedAt, long ChangeSeq, bool Folder = false);
