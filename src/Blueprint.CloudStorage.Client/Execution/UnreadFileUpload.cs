using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.CloudStorage.Client.Execution;

/// <summary>
/// A large file that neither the base nor the server knows by its name: the scan did not read it,
/// and it is cut and sent in one read instead of two (a second of a gigabyte's upload). Only the
/// first run's blocks are hashed and compared with the server's; when it holds any of them (a copy,
/// or a file moved here) the upload falls back to hashing every block, as for any other file.
/// Otherwise the blocks go unnamed, each with a checksum, and the server — which hashes every block
/// it takes anyway, to check it — names them: hashing here too cost the client a third of its CPU.
/// Blocks sent that the server had after all are stored once all the same.
/// </summary>
internal sealed class UnreadFileUpload(SyncSession session)
{
    /// <summary>
    /// One fill of the cutting buffer: its blocks' ranges and checksums, and for the first run their
    /// SHA-256s too (to ask the server which it has); the bytes stay valid until <see cref="Sent"/>.
    /// </summary>
    private sealed record CutRun(ReadOnlyMemory<byte> Bytes, IReadOnlyList<Range> Ranges, UInt128[] Checksums, string[]? Hashes, TaskCompletionSource Sent);

    /// <summary>A block of the file: which of the blocks sent holds its bytes, and the SHA-256 it must be named by, where hashed here.</summary>
    private readonly record struct SentBlock(int Sent, int Length, string? Hash);

    /// <summary>
    /// Sends the file's blocks and returns its block list under the names the server gave them; null
    /// when it must be read again, hashing every block: the server holds some of the first run's, or
    /// named a block otherwise than it hashes here (a repeat whose checksum collides with another block's).
    /// </summary>
    public async Task<IReadOnlyList<BlockRef>?> SendAsync(LocalFile file, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var runs = Channel.CreateBounded<CutRun>(1);
        var blocks = new List<SentBlock>();
        await using var stream = session.Folder.OpenRead(file.Path);
        var cutting = CutAsync(stream, file.Size, runs.Writer, stop.Token);
        try
        {
            if (!await runs.Reader.WaitToReadAsync(cancellationToken) || !runs.Reader.TryRead(out var first))
            {
                throw new LocalChangedException($"'{file.Path}' was emptied while it was being read; it is synced again next time.");
            }

            var firstHashes = first.Hashes!.Distinct(StringComparer.Ordinal).ToList();
            if ((await session.Remote.MissingAsync(firstHashes, cancellationToken)).Count < firstHashes.Count)
            {
                return null;
            }

            var names = await session.Remote.UploadUnnamedAsync(SendRunsAsync(first, runs.Reader, blocks, file, cancellationToken), cancellationToken);
            return Named(blocks, names);
        }
        finally
        {
            // A read error ends the runs early and is thrown here, so what was sent is never committed.
            await stop.CancelAsync();
            await cutting;
        }
    }

    // The file's blocks under the names the server gave the blocks sent; null if one of them is not
    // the SHA-256 hashed here (the first run's blocks, and repeats).
    private static List<BlockRef>? Named(List<SentBlock> blocks, IReadOnlyList<string> names)
    {
        var sent = blocks.Count == 0 ? 0 : blocks.Max(b => b.Sent) + 1;
        if (names.Count != sent)
        {
            throw new RemoteUnavailableException($"The server named {names.Count} blocks of the {sent} sent.");
        }

        var named = new List<BlockRef>(blocks.Count);
        foreach (var block in blocks)
        {
            var name = names[block.Sent];
            if (block.Hash is not null && !string.Equals(block.Hash, name, StringComparison.Ordinal))
            {
                return null;
            }

            named.Add(new BlockRef(name, block.Length));
        }

        return named;
    }

    // Hands each run over once cut and checksummed (the first also hashed), and then waits until the
    // run before it is sent: its buffer is filled again once this call returns. So one run is cut
    // while the one before is on the wire (waiting for a run's own send, cutting and sending took
    // turns). The runs end when the file does, when stopped, or at a read error, which the task then throws.
    private static async Task CutAsync(Stream stream, long size, ChannelWriter<CutRun> runs, CancellationToken cancellationToken)
    {
        try
        {
            Task? previousSent = null;
            await SyncChunking.ReadBlockRunsAsync(stream, size, async (bytes, ranges, _) =>
            {
                var checksums = ranges.Select(range => BlockFrames.Checksum(bytes.Span[range])).ToArray();
                var hashes = previousSent is null ? BlockSeal.HashAll(bytes, ranges) : null;
                var run = new CutRun(bytes, ranges, checksums, hashes, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                await runs.WriteAsync(run, cancellationToken);
                if (previousSent is not null)
                {
                    await previousSent.WaitAsync(cancellationToken);
                }

                previousSent = run.Sent.Task;
                return true;
            }, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: the upload went another way, or was cancelled (which its caller sees for itself).
        }
        finally
        {
            runs.TryComplete();
        }
    }

    // Yields each block once, however often the file holds it: a repeat is known by its checksum and
    // length, and is hashed here, so a block whose checksum merely collides with an earlier one's is
    // caught (its hash is not the name the server gives the earlier block; see Named).
    private async IAsyncEnumerable<(UInt128 Checksum, ReadOnlyMemory<byte> Bytes)> SendRunsAsync(
        CutRun first, ChannelReader<CutRun> runs, List<SentBlock> blocks, LocalFile file, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sent = new Dictionary<(UInt128 Checksum, int Length), int>();
        long read = 0;
        for (var run = first; run is not null; run = await runs.WaitToReadAsync(cancellationToken) && runs.TryRead(out var next) ? next : null)
        {
            for (var i = 0; i < run.Ranges.Count; i++)
            {
                var bytes = run.Bytes[run.Ranges[i]];
                var key = (run.Checksums[i], bytes.Length);
                read += bytes.Length;
                if (sent.TryGetValue(key, out var earlier))
                {
                    blocks.Add(new SentBlock(earlier, bytes.Length, run.Hashes?[i] ?? BlockSeal.HashOf(bytes.Span)));
                }
                else
                {
                    sent.Add(key, sent.Count);
                    blocks.Add(new SentBlock(sent.Count - 1, bytes.Length, run.Hashes?[i]));
                    yield return (run.Checksums[i], bytes);
                    session.CountUploaded(bytes.Length);
                }

                session.Report(new SyncProgress("upload", file.Path, read, file.Size));
            }

            run.Sent.TrySetResult();
        }
    }
}
