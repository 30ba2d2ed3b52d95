namespace Blueprint.CloudStorage.Contracts;

/// <summary>The hashes the namespace does not store yet.</summary>
public sealed record CompareBlocksResponse(IReadOnlyList<string> Missing);
