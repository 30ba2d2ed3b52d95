using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.CloudStorage.Client;

/// <summary>A file cut into blocks the way every client cuts it (<see cref="SyncChunking"/>): the blocks, where each starts, and the content hash.</summary>
public sealed class FileBlocks
{
    private FileBlocks(IReadOnlyList<BlockRef> blocks, IReadOnlyList<long> offsets)
    {
        Blocks = blocks;
        Offsets = offsets;
        ContentHash = BuildingBlocks.Sync.ContentHash.Of(blocks);
        Length = blocks.Count == 0 ? 0 : offsets[^1] + blocks[^1].Length;
    }

    public IReadOnlyList<BlockRef> Blocks { get; }

    public IReadOnlyList<long> Offsets { get; }

    public string ContentHash { get; }

    public long Length { get; }

    /// <summary>Blocks laid end to end from their lengths (a stored block list).</summary>
    public static FileBlocks FromList(IReadOnlyList<BlockRef> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var offsets = new long[blocks.Count];
        long offset = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            offsets[i] = offset;
            offset += blocks[i].Length;
        }

        return new FileBlocks(blocks, offsets);
    }

    /// <summary>Cuts and hashes a stream of <paramref name="length"/> bytes, reading it once with a bounded buffer and hashing on every core.</summary>
    public static async Task<FileBlocks> ReadAsync(Stream content, long length, CancellationToken cancellationToken)
    {
        var blocks = new List<BlockRef>();
        var offsets = new List<long>();
        await SyncChunking.ReadBlockRunsAsync(content, length, (buffer, run, offset) =>
        {
            var hashes = BlockSeal.HashAll(buffer, run);
            blocks.AddRange(run.Select((range, i) => new BlockRef(hashes[i], range.End.Value - range.Start.Value)));
            offsets.AddRange(run.Select(range => offset + range.Start.Value)); // a run starts its buffer
            return ValueTask.FromResult(true);
        }, cancellationToken);
        return new FileBlocks(blocks, offsets);
    }

    /// <summary>
    /// Reads block <paramref name="index"/> from <paramref name="file"/>, or null if the file is too
    /// short now or (with <paramref name="verify"/>) the bytes there are no longer that block.
    /// </summary>
    public async Task<byte[]?> ReadBlockAsync(Stream file, int index, bool verify, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var bytes = new byte[Blocks[index].Length];
        file.Position = Offsets[index];
        var read = await file.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken);
        return read == bytes.Length && (!verify || BlockSeal.HashOf(bytes) == Blocks[index].Hash) ? bytes : null;
    }
}
