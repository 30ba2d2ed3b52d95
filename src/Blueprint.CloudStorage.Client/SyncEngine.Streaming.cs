using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.CloudStorage.Client;

public sealed partial class SyncEngine
{
    /// <summary>A file at least this large, new here and unknown to the server under its name, is sent as it is read.</summary>
    public const long SendWhileReadingFrom = 8L << 20;

    /// <summary>One fill of the cutting buffer: its blocks' ranges and hashes; the bytes stay valid until <see cref="Sent"/>.</summary>
    private sealed record CutRun(ReadOnlyMemory<byte> Bytes, IReadOnlyList<Range> Ranges, string[] Hashes, TaskCompletionSource Sent);

    // A large file that neither the base nor the server knows by its name: the scan did not read it,
    // and it is cut, hashed and sent in one read instead of two (a second of a gigabyte's upload).
    // Only the first run's blocks are compared with the server's; when it holds any of them (a copy,
    // or a file moved here) every block is compared instead, as for any other upload. Blocks sent that
    // the server had after all are stored once all the same.
    private async Task<string?> UploadUnreadAsync(Upload upload, CancellationToken cancellationToken)
    {
        var local = upload.Local;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var runs = Channel.CreateBounded<CutRun>(1);
        var blocks = new List<BlockRef>();
        bool sent;
        await using (var stream = _fs.OpenRead(local.Path))
        {
            var cutting = CutAsync(stream, local.File.Size, runs.Writer, stop.Token);
            try
            {
                if (!await runs.Reader.WaitToReadAsync(cancellationToken) || !runs.Reader.TryRead(out var first))
                {
                    throw new LocalChangedException($"'{local.Path}' was emptied while it was being read; it is synced again next time.");
                }

                var firstHashes = first.Hashes.Distinct(StringComparer.Ordinal).ToList();
                if ((await _remote.MissingAsync(firstHashes, cancellationToken)).Count < firstHashes.Count)
                {
                    sent = false;
                }
                else
                {
                    sent = true;
                    if (!await _remote.UploadAsync(SendRunsAsync(first, runs.Reader, blocks, local.File, cancellationToken), cancellationToken))
                    {
                        throw new LocalChangedException($"'{local.Path}' changed while it was being sent; it is sent again next time.");
                    }
                }
            }
            finally
            {
                // A read error ends the runs early and is thrown here, so what was sent is never committed.
                await stop.CancelAsync();
                await cutting;
            }
        }

        if (!sent)
        {
            var read = await ReadBlocksAsync(local.File, cancellationToken);
            return await UploadAsync(upload with { Local = local with { ContentHash = read.ContentHash, Blocks = read } }, cancellationToken);
        }

        // What was read is what was sent and hashed; committed only if the file did not change meanwhile.
        EnsureUnchanged(local.File, local.Path);
        return await CommitAsync(upload, FileBlocks.FromList(blocks), null, cancellationToken);
    }

    // Hands each run over once hashed, and then waits until the run before it is sent: its buffer is
    // filled again once this call returns. So one run is hashed while the one before is on the wire
    // (waiting for a run's own send, hashing and sending took turns). The runs end when the file does,
    // when stopped, or at a read error, which the task then throws.
    private static async Task CutAsync(Stream stream, long size, ChannelWriter<CutRun> runs, CancellationToken cancellationToken)
    {
        try
        {
            Task? previousSent = null;
            await SyncChunking.ReadBlockRunsAsync(stream, size, async (bytes, ranges, _) =>
            {
                var run = new CutRun(bytes, ranges, BlockSeal.HashAll(bytes, ranges), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
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

    private async IAsyncEnumerable<(string Hash, ReadOnlyMemory<byte> Bytes)> SendRunsAsync(
        CutRun first, ChannelReader<CutRun> runs, List<BlockRef> blocks, LocalFile file, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sent = new HashSet<string>(StringComparer.Ordinal);
        long read = 0;
        for (var run = first; run is not null; run = await runs.WaitToReadAsync(cancellationToken) && runs.TryRead(out var next) ? next : null)
        {
            for (var i = 0; i < run.Ranges.Count; i++)
            {
                var bytes = run.Bytes[run.Ranges[i]];
                blocks.Add(new BlockRef(run.Hashes[i], bytes.Length));
                read += bytes.Length;
                if (sent.Add(run.Hashes[i]))
                {
                    yield return (run.Hashes[i], bytes);
                    _uploaded += bytes.Length;
                }

                _progress?.Report(new SyncProgress("upload", file.Path, read, file.Size));
            }

            run.Sent.TrySetResult();
        }
    }
}
