using Blueprint.CloudStorage.Blocks;
using Blueprint.CloudStorage.Namespaces;

namespace Blueprint.CloudStorage.Files;

/// <summary>
/// A version's bytes as one seekable, read-only stream over its blocks, each opened (decrypted,
/// inflated, hash-checked) only when read. Seekable, so ASP.NET Core answers byte ranges from it
/// without reading what comes before. Blocks are read a run at a time (<see cref="BlockRuns"/>),
/// the next run fetched while the current one is sent.
/// </summary>
internal sealed class VersionContentStream(BlockStore blocks, StorageNamespace ns, IReadOnlyList<StoredBlock> parts) : Stream
{
    private readonly long _length = parts.Count == 0 ? 0 : parts[^1].Offset + parts[^1].Length;
    private long _position;
    private (int Start, byte[][] Blocks) _run = (0, []);
    private (int Start, int Count, Task<byte[][]> Blocks)? _next;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "A position cannot be negative.");
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Fills the buffer across blocks: the caller writes (and Kestrel flushes) once a read, not once a block.
        var filled = 0;
        while (filled < buffer.Length && _position < _length)
        {
            var index = IndexOf(_position);
            var block = await BlockAsync(index, cancellationToken);
            var within = (int)(_position - parts[index].Offset);
            var count = Math.Min(buffer.Length - filled, block.Length - within);
            block.AsMemory(within, count).CopyTo(buffer[filled..]);
            (_position, filled) = (_position + count, filled + count);
        }

        return filled;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // ASP.NET Core reads asynchronously; a synchronous caller gets the same bytes by waiting.
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => _length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("A version's content is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A version's content is read-only.");

    private async ValueTask<byte[]> BlockAsync(int index, CancellationToken cancellationToken)
    {
        if (index < _run.Start || index >= _run.Start + _run.Blocks.Length)
        {
            _run = _next is { } next && next.Start <= index && index < next.Start + next.Count
                ? (next.Start, await next.Blocks)
                : (index, await ReadRunAsync(index, cancellationToken).Blocks);
            var after = _run.Start + _run.Blocks.Length;
            _next = after < parts.Count ? ReadRunAsync(after, CancellationToken.None) : null;
        }

        return _run.Blocks[index - _run.Start];
    }

    private (int Start, int Count, Task<byte[][]> Blocks) ReadRunAsync(int start, CancellationToken cancellationToken)
    {
        var count = BlockRuns.Length(parts, start, p => p.Where);
        var run = Enumerable.Range(start, count).Select(i => (parts[i].Hash, parts[i].Where)).ToList();
        return (start, count, blocks.ReadRunAsync(ns, run, cancellationToken));
    }

    private int IndexOf(long position)
    {
        int low = 0, high = parts.Count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (parts[middle].Offset <= position)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }
}
