namespace Blueprint.BuildingBlocks.Sync;

/// <summary>
/// Splits a file into blocks for sync and dedupe (seed 003 §15): each block is stored once under its
/// hash, so only blocks that changed are sent again.
/// </summary>
public interface IChunker
{
    /// <summary>The longest block this chunker cuts; give <see cref="NextChunkLength"/> at least this much unless the input ends sooner.</summary>
    int MaxChunkLength { get; }

    /// <summary>
    /// The length of the block at the start of <paramref name="data"/>: the rest of the input, or at
    /// least <see cref="MaxChunkLength"/> bytes of it. Never more than <paramref name="data"/>'s length,
    /// never zero for non-empty data.
    /// </summary>
    int NextChunkLength(ReadOnlySpan<byte> data);
}
