namespace Blueprint.CloudStorage.Contracts;

/// <summary>A file to bring back, at an old version or out of the trash.</summary>
public sealed record RestoreRequest(string? Path, string? Version);
