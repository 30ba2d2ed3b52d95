namespace Blueprint.CloudStorage.Contracts;

/// <summary>A folder to create.</summary>
public sealed record CreateFolderRequest(string? Path);
