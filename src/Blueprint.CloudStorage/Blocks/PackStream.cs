namespace Blueprint.CloudStorage.Blocks;

/// <summary>
/// The sealed blocks of a pack read one after another as one stream, so a pack goes to the blob
/// store without first being copied into one contiguous array. Seekable, so S3 takes it as one PUT
/// (and its client can read it twice: once to sign, once to send).
/// </summary>
internal sealed class PackStream(IReadOnlyList<ReadOnlyMemory<byte>> blocks) : Stream
{
    private int _block;
    private int _offset;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length { get; } = blocks.Sum(b => (long)b.Length);

    /// <summary>Where each part starts in the pack: the blob offset its block row records.</summary>
    public long[] Offsets()
    {
        var offsets = new long[blocks.Count];
        for (var i = 1; i < offsets.Length; i++)
        {
            offsets[i] = offsets[i - 1] + blocks[i - 1].Length;
        }

        return offsets;
    }

    public override long Position
    {
        get => _position;
        set => MoveTo(value);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length && _block < blocks.Count)
        {
            var source = blocks[_block].Span[_offset..];
            var n = Math.Min(source.Length, buffer.Length - written);
            source[..n].CopyTo(buffer[written..]);
            (written, _offset) = (written + n, _offset + n);
            if (_offset == blocks[_block].Length)
            {
                (_block, _offset) = (_block + 1, 0);
            }
        }

        _position += written;
        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        MoveTo(origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => Length + offset,
        });
        return _position;
    }

    // Past the end is allowed, as for a file: reads there return nothing.
    private void MoveTo(long position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        var (block, left) = (0, position);
        while (block < blocks.Count && left >= blocks[block].Length)
        {
            (left, block) = (left - blocks[block].Length, block + 1);
        }

        (_block, _offset, _position) = (block, block < blocks.Count ? (int)left : 0, position);
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
