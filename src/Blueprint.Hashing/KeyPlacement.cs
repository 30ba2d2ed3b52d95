namespace Blueprint.Hashing;

/// <summary>Where a key goes.</summary>
/// <param name="Key">The key.</param>
/// <param name="Hash">Its XxHash64, in hex.</param>
/// <param name="Position">Its position round the ring, 0 to 1.</param>
/// <param name="Replicas">The owner, then the next distinct nodes clockwise.</param>
public sealed record KeyPlacement(string Key, string Hash, double Position, IReadOnlyList<string> Replicas);
