namespace Blueprint.CloudStorage.Contracts;

/// <summary>One version of a file: what was written, by whom, from which device.</summary>
public sealed record VersionResponse(string Id, long Number, string Kind, string Path, long Size, string ContentHash, string AuthorId, string Device, DateTimeOffset CreatedAt);
