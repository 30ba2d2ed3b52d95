namespace Blueprint.CloudStorage.Files;

/// <summary>
/// A folder's contents: its live files and the names of its subfolders — or, listed recursively,
/// every file and the path (from the folder) of every folder under it, each once.
/// </summary>
internal sealed record FolderListing(IReadOnlyList<FileEntry> Files, IReadOnlyList<string> Folders);
