namespace Blueprint.CloudStorage.Contracts;

/// <summary>Block hashes the client has, to learn which of them the namespace lacks.</summary>
public sealed record CompareBlocksRequest(IReadOnlyList<string>? Hashes);
