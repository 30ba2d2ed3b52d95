namespace Blueprint.CloudStorage.Contracts;

/// <summary>A folder's subfolders and files.</summary>
public sealed record FolderResponse(string Path, IReadOnlyList<string> Folders, IReadOnlyList<FileResponse> Files);
