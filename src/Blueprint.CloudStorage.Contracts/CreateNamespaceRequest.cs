namespace Blueprint.CloudStorage.Contracts;

/// <summary>A shared folder to create.</summary>
public sealed record CreateNamespaceRequest(string? Name);
