namespace Blueprint.CloudStorage.Contracts;

/// <summary>The blocks stored and found, and the SHA-256 the server named each block sent by, in the order sent.</summary>
public sealed record UnnamedBatchResponse(int Stored, int AlreadyStored, IReadOnlyList<string> Hashes);
