using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.CloudStorage.Blocks;

/// <summary>
/// Stores a body of framed blocks of any size a group at a time, in bounded memory. While one group
/// is read off the wire, up to <see cref="StoresInFlight"/> are being stored, hashing and sealing
/// while others are written out: on a busy disk the write is the slowest step, so it must not wait
/// for the CPU's, nor they for it (docs/benchmarks.md has the runs that chose five). A group's blocks
/// are read into one reused buffer, given back as soon as they are sealed, so a group being written
/// holds only its pack. A frame's block is named by <typeparamref name="TName"/>: its SHA-256, or a checksum.
/// </summary>
internal sealed class GroupedBlockReceiver<TName>(
    BlockUpload upload,
    Func<Stream, int, CancellationToken, Task<(TName Name, int Length)?>> readHeader,
    Func<BlockGroup<TName>, CancellationToken, Task<(BlocksStored Result, IReadOnlyList<string> Names)>> storeGroup)
{
    private const int StoresInFlight = 5;

    private readonly Queue<Task<(BlocksStored Result, IReadOnlyList<string> Names)>> _storing = new();
    private readonly List<string> _names = [];
    private int _stored;
    private int _alreadyStored;

    /// <summary>
    /// Reads and stores <paramref name="body"/> to its end, or until a frame is malformed or a group
    /// refused: the groups before are kept (a later one, already under way, may be kept as well).
    /// </summary>
    public async Task<BatchReceipt> ReceiveAsync(Stream body, CancellationToken cancellationToken)
    {
        var group = new List<(TName Name, int Offset, int Length)>();
        var groupBuffer = GroupBuffers.Rent(0); // grown as blocks arrive: most batches are a small file's few blocks
        var groupBytes = 0;
        try
        {
            while (true)
            {
                (TName Name, int Length)? frame;
                try
                {
                    frame = await readHeader(body, upload.MaxBlockBytes, cancellationToken);
                }
                catch (InvalidDataException bad)
                {
                    return await SettleAsync(0) ?? await FinishAsync(bad.Message);
                }

                if (group.Count > 0 && (frame is not { } next || groupBytes + next.Length > GroupBuffers.GroupBytes || group.Count == GroupBuffers.GroupBlocks))
                {
                    if (await SettleAsync(StoresInFlight - 1) is { } refused)
                    {
                        return refused;
                    }

                    Start(group, groupBuffer, cancellationToken);
                    // A group was filled, so the batch is large: the next starts at a group's size.
                    (group, groupBuffer, groupBytes) = ([], GroupBuffers.Rent(frame is null ? 0 : GroupBuffers.GroupBytes), 0);
                }

                if (frame is not { } header)
                {
                    return await SettleAsync(0) ?? await FinishAsync(malformed: null);
                }

                if (groupBytes + header.Length > groupBuffer.Buffer.Length)
                {
                    // A group, or a block larger than a group (the host allows blocks that large), outgrew the buffer.
                    groupBuffer = GroupBuffers.Grow(groupBuffer, groupBytes, groupBytes + header.Length);
                }

                try
                {
                    await BlockFrames.ReadBlockAsync(body, groupBuffer.Buffer.AsMemory(groupBytes, header.Length), cancellationToken);
                }
                catch (InvalidDataException bad)
                {
                    return await SettleAsync(0) ?? await FinishAsync(bad.Message);
                }

                group.Add((header.Name, groupBytes, header.Length));
                groupBytes += header.Length;
            }
        }
        finally
        {
            // Left by a refusal or a body that broke off: let them finish (or fail) before the request ends.
            foreach (var left in _storing)
            {
                await ((Task)left).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            groupBuffer.Dispose();
            // A body that broke off keeps what was stored of it (the resumed upload skips those blocks).
            await upload.FlushAsync(CancellationToken.None);
        }
    }

    // On the pool: storing starts with hashing the group, which must not hold up reading.
    private void Start(List<(TName Name, int Offset, int Length)> group, GroupBuffers.Lease buffer, CancellationToken cancellationToken)
    {
        var blocks = group.Select(b => (b.Name, (ReadOnlyMemory<byte>)buffer.Buffer.AsMemory(b.Offset, b.Length))).ToList();
        _storing.Enqueue(Task.Run(
            async () =>
            {
                using (buffer)
                {
                    return await storeGroup(new BlockGroup<TName>(blocks, buffer), cancellationToken);
                }
            },
            cancellationToken));
    }

    // Waits, oldest first, until at most `inFlight` groups are being stored; a refusal ends the batch.
    private async Task<BatchReceipt?> SettleAsync(int inFlight)
    {
        while (_storing.Count > inFlight)
        {
            var (result, names) = await _storing.Dequeue();
            if (result.Outcome is StoreOutcome.OverQuota or StoreOutcome.HashMismatch or StoreOutcome.ChecksumMismatch)
            {
                return await FinishAsync(malformed: null) with { Refusal = result.Outcome };
            }

            (_stored, _alreadyStored) = (_stored + result.Stored, _alreadyStored + result.AlreadyStored);
            _names.AddRange(names);
        }

        return null;
    }

    // The rows still waiting go in, and the counts take the blocks another upload stored first.
    private async Task<BatchReceipt> FinishAsync(string? malformed)
    {
        var overtaken = await upload.FlushAsync(CancellationToken.None);
        (_stored, _alreadyStored) = (_stored - overtaken, _alreadyStored + overtaken);
        return new BatchReceipt(_stored, _alreadyStored, _names) { Malformed = malformed };
    }
}
