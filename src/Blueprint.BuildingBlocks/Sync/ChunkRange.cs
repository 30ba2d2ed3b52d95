namespace Blueprint.BuildingBlocks.Sync;

/// <summary>Where a block lies in its file.</summary>
public readonly record struct ChunkRange(long Offset, int Length);
