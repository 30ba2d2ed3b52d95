using System.Security.Cryptography;
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

    /// <summary>Cuts and hashes a stream of <paramref name="length"/> bytes, reading it once with a bounded buffer.</summary>
    public static async Task<FileBlocks> ReadAsync(Stream content, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var chunker = SyncChunking.For(length);
        var buffer = new byte[Math.Max(chunker.MaxChunkLength * 2, 1024 * 1024)];
        var blocks = new List<BlockRef>();
        var offsets = new List<long>();
        long position = 0;
        int filled = 0, start = 0;
        var ended = false;
        while (true)
        {
            if (!ended && filled - start < chunker.MaxChunkLength)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                filled -= start;
                start = 0;
                var read = await content.ReadAtLeastAsync(buffer.AsMemory(filled), buffer.Length - filled, throwOnEndOfStream: false, cancellationToken);
                filled += read;
                ended = filled < buffer.Length;
            }

            if (start == filled)
            {
                return new FileBlocks(blocks, offsets);
            }

            var next = chunker.NextChunkLength(buffer.AsSpan(start, filled - start));
            blocks.Add(new BlockRef(Convert.ToHexStringLower(SHA256.HashData(buffer.AsSpan(start, next))), next));
            offsets.Add(position);
            position += next;
            start += next;
        }
    }

    /// <summary>Reads block <paramref name="index"/> from <paramref name="file"/>, or null if the bytes there are no longer that block.</summary>
    public async Task<byte[]?> ReadBlockAsync(Stream file, int index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var bytes = new byte[Blocks[index].Length];
        file.Position = Offsets[index];
        var read = await file.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken);
        return read == bytes.Length && BlockSeal.HashOf(bytes) == Blocks[index].Hash ? bytes : null;
    }
}
