namespace Blueprint.CloudStorage.Files;

/// <summary>One version of a file: an edit, a move, a delete (no blocks), a restore or an undelete.</summary>
internal sealed record FileVersion(string Id, string FileId, long Number, string Kind, string Path, long Size, string ContentHash, string AuthorId, string Device, DateTimeOffset CreatedAt);
