namespace Blueprint.BuildingBlocks.Sync;

/// <summary>Splitting a whole buffer with any <see cref="IChunker"/>.</summary>
public static class Chunking
{
    /// <summary>Every block of <paramref name="data"/>, in order; together they are exactly <paramref name="data"/>.</summary>
    public static IReadOnlyList<ChunkRange> Split(this IChunker chunker, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(chunker);
        var chunks = new List<ChunkRange>();
        var offset = 0;
        while (offset < data.Length)
        {
            var length = chunker.NextChunkLength(data[offset..]);
            chunks.Add(new ChunkRange(offset, length));
            offset += length;
        }

        return chunks;
    }
}
