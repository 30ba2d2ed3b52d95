namespace Blueprint.BuildingBlocks.Sync;

/// <summary>One block of a file, in order: its SHA-256 (lowercase hex) and length.</summary>
public readonly record struct BlockRef(string Hash, int Length);
