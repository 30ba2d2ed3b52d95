using Blueprint.CloudStorage.Blocks;

namespace Blueprint.CloudStorage.Files;

/// <summary>A block of a version with where its bytes are.</summary>
internal sealed record StoredBlock(string Hash, int Length, long Offset, BlobLocation Where);
