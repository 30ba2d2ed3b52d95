using System.Numerics;

namespace Blueprint.BuildingBlocks.Sync;

/// <summary>
/// How every sync client cuts a file, so that equal files give equal blocks (and equal content
/// hashes) on every device. The average block grows with the file — small blocks keep an edit's cost
/// low, fewer blocks keep a large file's list (a row a block on the server) short. Files in
/// [4^k, 4^(k+1)) bytes get FastCDC blocks of 2^(k-1) bytes on average — half rsync's square-root
/// rule, because an edit of a content-defined block costs about two blocks where rsync's costs one —
/// until a class's smallest file would have more than 16,384 blocks (its largest, four times that):
/// from 256 MiB on the average is 4^k / 16,384 instead — 16 KiB under 1 GiB, 64 KiB under 4 GiB, 1 MiB
/// from 16 GiB. Under 256 MiB it is 4 KiB. Classes change at powers of four, so an edit changes the
/// cutting only when it carries the size across one.
/// </summary>
public static class SyncChunking
{
    // A run is what one fill of this buffer holds: enough blocks to keep every core busy hashing.
    private const int RunBufferBytes = 4 * 1024 * 1024;

    // A class's smallest file has at most 2^14 blocks. Half the square root would give a 1 GiB file
    // 65,536: their rows, not the bytes, then set the pace of its upload (docs/systems/cloud-storage.md).
    private const int BlocksPerClassBits = 14;

    /// <summary>The smallest average block: for files under 256 MiB.</summary>
    public const int MinAverage = 4 * 1024;

    /// <summary>The largest average block.</summary>
    public const int MaxAverage = 1024 * 1024;

    /// <summary>The longest block any client cuts: four times <see cref="MaxAverage"/>.</summary>
    public const int MaxBlock = 4 * MaxAverage;

    private static readonly FastCdcChunker[] Chunkers =
        [.. Enumerable.Range(BitOperations.Log2(MinAverage), BitOperations.Log2(MaxAverage) - BitOperations.Log2(MinAverage) + 1).Select(bits => new FastCdcChunker(1 << bits))];

    /// <summary>The average block length for a file of <paramref name="length"/> bytes.</summary>
    public static int AverageFor(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var sizeClass = length < 4 ? 0 : BitOperations.Log2((ulong)length) / 2; // k of [4^k, 4^(k+1))
        var bits = Math.Max(sizeClass - 1, (2 * sizeClass) - BlocksPerClassBits);
        return 1 << Math.Clamp(bits, BitOperations.Log2(MinAverage), BitOperations.Log2(MaxAverage));
    }

    /// <summary>The chunker for a file of <paramref name="length"/> bytes.</summary>
    public static IChunker For(long length) => Chunkers[BitOperations.Log2((uint)AverageFor(length)) - BitOperations.Log2(MinAverage)];

    /// <summary>
    /// Reads <paramref name="content"/> once through three bounded buffers, cutting it as for a file of
    /// <paramref name="length"/> bytes, and hands over the blocks of each fill of a buffer as one run:
    /// the buffer, each block's range in it, and the file offset of the run's first block — so a caller
    /// can hash or store a run's blocks in parallel. While a run is handed over (on the thread pool),
    /// the next is read and cut into another buffer; runs are handed over one at a time, in order.
    /// A run's bytes stay valid during its call and until the next run's call returns (or the reading
    /// ends), so a call may pass them on — to be sent, say — and wait for that only in the next call.
    /// Returning false stops the reading. Returns how many bytes were handed over before the stop or
    /// the end.
    /// </summary>
    public static async Task<long> ReadBlockRunsAsync(Stream content, long length, Func<ReadOnlyMemory<byte>, IReadOnlyList<Range>, long, ValueTask<bool>> onRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(onRun);
        var chunker = For(length);
        var size = Math.Max(chunker.MaxChunkLength * 2, RunBufferBytes);
        // Buffer i % 3 is read into while run i - 1 is handed over; by then the call of run i - 2 has
        // returned, so run i - 3, which lay in this buffer, is no longer used.
        byte[][] buffers = [new byte[size], new byte[size], new byte[size]];
        var current = 0;
        long position = 0;
        var filled = 0;
        Task<bool>? handing = null;
        long handingFrom = 0;
        try
        {
            while (true)
            {
                var buffer = buffers[current];
                filled += await content.ReadAtLeastAsync(buffer.AsMemory(filled), buffer.Length - filled, throwOnEndOfStream: false, cancellationToken);
                var ended = filled < buffer.Length;

                // Cut while a whole block fits for certain (or the content has ended): a boundary needs
                // the bytes up to the longest block to be found where every reader finds it.
                var start = 0;
                var run = new List<Range>();
                while (start < filled && (ended || filled - start >= chunker.MaxChunkLength))
                {
                    var next = chunker.NextChunkLength(buffer.AsSpan(start, filled - start));
                    run.Add(new Range(start, start + next));
                    start += next;
                }

                if (handing is not null && !await handing)
                {
                    return handingFrom;
                }

                handing = null;
                if (run.Count > 0)
                {
                    var (bytes, from) = (buffer.AsMemory(0, filled), position);
                    (handing, handingFrom) = (Task.Run(() => onRun(bytes, run, from).AsTask(), cancellationToken), position);
                }

                position += start;
                if (ended)
                {
                    return handing is not null && !await handing ? handingFrom : position;
                }

                // The uncut tail starts the next buffer; this one stays as it is while its run is used.
                var following = (current + 1) % buffers.Length;
                buffer.AsSpan(start, filled - start).CopyTo(buffers[following]);
                filled -= start;
                current = following;
            }
        }
        finally
        {
            // Left by an error: the run being handed over finishes before the caller goes on.
            if (handing is { IsCompleted: false })
            {
                await ((Task)handing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
