namespace Blueprint.CloudStorage.Client;

/// <summary>A file — or a folder, with no content and an empty content hash — as the server holds it: its id, path, current version and content hash.</summary>
public sealed record RemoteFile(string Id, string Path, string Version, long Size, string ContentHash, bool Deleted, bool Folder = false);
