namespace Blueprint.BuildingBlocks.Sync;

/// <summary>
/// Blocks of one size, as Dropbox's 4 MB blocks: simple and fast, but an insertion shifts every
/// later block, so almost the whole rest of the file is sent again. <see cref="FastCdcChunker"/> is
/// the alternative.
/// </summary>
public sealed class FixedSizeChunker : IChunker
{
    /// <param name="blockLength">Every block's length but the last: 4 MB as Dropbox, or any positive size.</param>
    public FixedSizeChunker(int blockLength)
    {
        if (blockLength < 1)
        {
            throw InvalidOption.For(nameof(blockLength), $"A block is at least 1 byte; {blockLength} was given.");
        }

        MaxChunkLength = blockLength;
    }

    /// <inheritdoc />
    public int MaxChunkLength { get; }

    /// <inheritdoc />
    public int NextChunkLength(ReadOnlySpan<byte> data) => Math.Min(data.Length, MaxChunkLength);
}
