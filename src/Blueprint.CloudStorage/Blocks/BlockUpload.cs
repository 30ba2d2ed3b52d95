using Blueprint.BuildingBlocks.Sync;
using Blueprint.CloudStorage.Namespaces;

namespace Blueprint.CloudStorage.Blocks;

/// <summary>
/// One upload of many groups of blocks into a namespace. The rows of its packs wait in
/// <see cref="PendingBlockRows"/> and go in several groups at a time: a transaction a group rewrote
/// the blocks' index 32 times a GiB. Call <see cref="FlushAsync"/> when the upload ends, also when it
/// breaks off: what was stored is kept, and a resumed upload skips it. Safe for parallel stores.
/// </summary>
internal sealed class BlockUpload(BlockStore store, StorageNamespace ns)
{
    /// <summary>The rows of an upload's packs go in up to this many bytes' worth at a time.</summary>
    public const long RowsFlushBytes = 4L * GroupBuffers.GroupBytes;

    private readonly PendingBlockRows _pending = new(RowsFlushBytes);

    public StorageNamespace Namespace => ns;

    /// <summary>The largest block accepted.</summary>
    public int MaxBlockBytes => store.MaxBlockBytes;

    /// <summary>Stores a group of blocks sent under their SHA-256, each checked; the group's buffer is given back once they are sealed.</summary>
    public Task<BlocksStored> StoreAsync(BlockGroup<string> group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        return store.StoreAsync(ns, group.Blocks, BlockNaming.Claimed, _pending, group.Buffer, cancellationToken);
    }

    /// <summary>
    /// Stores a group of blocks sent with a checksum instead of a name: each is named here by its
    /// SHA-256 and checked against its checksum. Returns the names in order.
    /// </summary>
    public async Task<(BlocksStored Result, IReadOnlyList<string> Names)> StoreUnnamedAsync(BlockGroup<UInt128> group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (NameUnnamed(group.Blocks) is not { } names)
        {
            return (new BlocksStored(StoreOutcome.ChecksumMismatch, 0, 0), []);
        }

        var named = names.Select((name, i) => (name, group.Blocks[i].Bytes)).ToList();
        return (await store.StoreAsync(ns, named, BlockNaming.NamedHere, _pending, group.Buffer, cancellationToken), names);
    }

    /// <summary>Stores blocks this host hashed itself (a whole file it cut).</summary>
    public Task<BlocksStored> StoreNamedHereAsync(IReadOnlyList<(string Hash, ReadOnlyMemory<byte> Bytes)> batch, CancellationToken cancellationToken) =>
        store.StoreAsync(ns, batch, BlockNaming.NamedHere, _pending, release: null, cancellationToken);

    /// <summary>Receives a body of blocks framed by their SHA-256 (<see cref="BlockFrames.ReadHeaderAsync"/>).</summary>
    public Task<BatchReceipt> ReceiveNamedAsync(Stream body, CancellationToken cancellationToken) =>
        new GroupedBlockReceiver<string>(this, BlockFrames.ReadHeaderAsync, async (group, token) => (await StoreAsync(group, token), []))
            .ReceiveAsync(body, cancellationToken);

    /// <summary>Receives a body of blocks framed by their checksum (<see cref="BlockFrames.ReadChecksummedHeaderAsync"/>).</summary>
    public Task<BatchReceipt> ReceiveUnnamedAsync(Stream body, CancellationToken cancellationToken) =>
        new GroupedBlockReceiver<UInt128>(this, BlockFrames.ReadChecksummedHeaderAsync, StoreUnnamedAsync)
            .ReceiveAsync(body, cancellationToken);

    /// <summary>Inserts the rows still waiting. Returns how many of those blocks, counted as stored, another upload stored first.</summary>
    public Task<int> FlushAsync(CancellationToken cancellationToken) => store.FlushAsync(ns, _pending, cancellationToken);

    /// <summary>
    /// Names blocks the client sent unnamed, each with its <see cref="BlockFrames.Checksum"/>, by their
    /// SHA-256 — in the same pass that a named block's hash is checked, so naming costs the server
    /// nothing more — and checks each checksum, so the bytes named are the bytes the client sent.
    /// Null when a block does not match its checksum.
    /// </summary>
    private static string[]? NameUnnamed(IReadOnlyList<(UInt128 Checksum, ReadOnlyMemory<byte> Bytes)> batch)
    {
        var names = new string[batch.Count];
        var changed = false;
        Parallel.For(0, batch.Count, (i, loop) =>
        {
            var bytes = batch[i].Bytes.Span;
            if (BlockFrames.Checksum(bytes) != batch[i].Checksum)
            {
                changed = true;
                loop.Stop();
                return;
            }

            names[i] = BlockSeal.HashOf(bytes);
        });
        return changed ? null : names;
    }
}
