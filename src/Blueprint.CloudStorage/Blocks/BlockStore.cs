using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using Blueprint.BuildingBlocks.Sync;
using Blueprint.CloudStorage.Namespaces;
using Blueprint.Infrastructure.Blobs;
using Dapper;
using Microsoft.Extensions.Options;

namespace Blueprint.CloudStorage.Blocks;

/// <summary>
/// The block service (003 §15): each block stored once per namespace under its SHA-256, sealed
/// (compressed when worth it, encrypted with the namespace's key) in the blob port. Blocks are never
/// changed in place; unreferenced ones are collected by the maintenance job after a grace period.
/// </summary>
internal sealed class BlockStore(StorageDatabase database, IBlobStore blobs, NamespaceKeys keys, IOptions<CloudStorageOptions> options, TimeProvider time)
{
    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Of <paramref name="hashes"/>, those the namespace lacks (000 §8.3 compareHashes); the ones it has are kept from collection for another grace period.</summary>
    public async Task<IReadOnlyList<string>> MissingAsync(StorageNamespace ns, IReadOnlyList<string> hashes, CancellationToken cancellationToken)
    {
        var distinct = hashes.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return [];
        }

        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var engine = database.Database.Engine;
        var present = (await connection.QueryAsync<string>(new CommandDefinition(
            $"UPDATE blocks SET touched_at_ms = @Now WHERE namespace_id = @Ns AND {BlockHashes.AnyOf(engine, "hash")} RETURNING hash",
            new { Now, Ns = ns.Id, Hashes = BlockHashes.Parameter(engine, distinct) },
            cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        return [.. distinct.Where(h => !present.Contains(h))];
    }

    /// <summary>Checks, seals and stores one block sent under <paramref name="hash"/>.</summary>
    public async Task<StoreOutcome> StoreAsync(StorageNamespace ns, string hash, ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        var result = await StoreBatchAsync(ns, [(hash, block)], cancellationToken);
        return result.Outcome == StoreOutcome.Stored && result.Stored == 0 ? StoreOutcome.AlreadyStored : result.Outcome;
    }

    /// <summary>
    /// Stores many blocks sent under the names a client gave them, each checked against its bytes:
    /// one query for which exist, one quota check, the hashing and sealing in parallel, the new blocks
    /// written as one pack (a block is a byte range of it) and their rows inserted with one statement.
    /// Returns how many were new, or the first outcome that stopped the batch (nothing of it is stored then).
    /// </summary>
    public Task<BlocksStored> StoreBatchAsync(StorageNamespace ns, IReadOnlyList<(string Hash, ReadOnlyMemory<byte> Bytes)> batch, CancellationToken cancellationToken) =>
        StoreAsync(ns, batch, BlockNaming.Claimed, pending: null, release: null, cancellationToken);

    /// <summary>As <see cref="StoreBatchAsync"/>, for blocks this host named itself (it hashed them, or opened them checked against their names): they are not hashed again.</summary>
    public Task<BlocksStored> StoreNamedHereAsync(StorageNamespace ns, IReadOnlyList<(string Hash, ReadOnlyMemory<byte> Bytes)> batch, CancellationToken cancellationToken) =>
        StoreAsync(ns, batch, BlockNaming.NamedHere, pending: null, release: null, cancellationToken);

    /// <summary>An upload of many groups of blocks, whose rows go in several groups at a time (<see cref="BlockUpload"/>).</summary>
    public BlockUpload BeginUpload(StorageNamespace ns) => new(this, ns);

    /// <summary>
    /// The store behind every entry point. With <paramref name="pending"/>, the rows wait there until
    /// it is <see cref="PendingBlockRows.Due"/> (then they go in, with those of the upload's earlier
    /// stores) or until <see cref="FlushAsync"/>: the counts then cover the whole upload, so only their
    /// sum over its stores is meaningful. <paramref name="release"/>, if given, is disposed as soon as
    /// the blocks' bytes are sealed and no longer read: the buffer they lie in can then take the next
    /// group while this one's pack is still being written.
    /// </summary>
    internal async Task<BlocksStored> StoreAsync(
        StorageNamespace ns, IReadOnlyList<(string Hash, ReadOnlyMemory<byte> Bytes)> batch, BlockNaming naming,
        PendingBlockRows? pending, IDisposable? release, CancellationToken cancellationToken)
    {
        if (naming == BlockNaming.Claimed && !AllHashesMatch(batch))
        {
            return new(StoreOutcome.HashMismatch, 0, 0);
        }

        var missing = (await MissingAsync(ns, [.. batch.Select(b => b.Hash)], cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var fresh = batch.Where(b => missing.Remove(b.Hash) && pending?.Holds(b.Hash) != true).ToList();
        if (fresh.Count == 0)
        {
            return new(StoreOutcome.AlreadyStored, 0, batch.Count);
        }

        await using (var connection = await database.Database.OpenConnectionAsync(cancellationToken))
        {
            var used = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT used_bytes FROM namespaces WHERE id = @Ns", new { Ns = ns.Id }, cancellationToken: cancellationToken));
            if (used + fresh.Sum(b => (long)b.Bytes.Length) > ns.QuotaBytes)
            {
                return new(StoreOutcome.OverQuota, 0, 0);
            }
        }

        // The pack first, then the rows: a row never names bytes that are not there. A crash between
        // leaves an orphan pack, which the collector's sweep removes.
        var (packKey, pack) = (PackLedger.NewKey(ns.Id), SealPack(ns, fresh));
        var (hashes, lengths) = (fresh.Select(b => b.Hash).ToArray(), fresh.Select(b => (long)b.Bytes.Length).ToArray());
        release?.Dispose();
        using (pack.Buffer)
        {
            await using var content = new MemoryStream(pack.Buffer.Buffer, pack.Start, pack.Length, writable: false, publiclyVisible: true);
            await blobs.PutAsync(packKey, content, cancellationToken);
        }

        var written = new WrittenPack(packKey, pack.Length, hashes, lengths, pack.SealedLengths, pack.Offsets);
        if (pending is not null)
        {
            pending.Add(written);
            var overtaken = pending.Due ? await FlushAsync(ns, pending, CancellationToken.None) : 0;
            return new(StoreOutcome.Stored, fresh.Count - overtaken, batch.Count - fresh.Count + overtaken);
        }

        var inserted = await InsertRowsAsync(ns, [written], cancellationToken);
        return new(StoreOutcome.Stored, inserted, batch.Count - inserted);
    }

    // Each block is sealed in parallel into its own slot of one reused buffer, the first at a page
    // boundary; the gaps compression leaves are then closed, so the pack lies in one piece that the
    // file-system store writes to disk from where it is (for bytes that do not compress there are no
    // gaps: nothing moves).
    private (GroupBuffers.Lease Buffer, int Start, int Length, long[] SealedLengths, long[] Offsets) SealPack(
        StorageNamespace ns, List<(string Hash, ReadOnlyMemory<byte> Bytes)> blocks)
    {
        var key = keys.KeyOf(ns);
        var slots = new int[blocks.Count + 1];
        for (var i = 0; i < blocks.Count; i++)
        {
            slots[i + 1] = slots[i] + BlockSeal.MaxSealedLength(blocks[i].Bytes.Length);
        }

        var lease = GroupBuffers.Rent(slots[^1] + GroupBuffers.PageSlack);
        var (buffer, start) = (lease.Buffer, PageAlignment.FirstOffset(lease.Buffer));
        var sealedLengths = new long[blocks.Count];
        try
        {
            Parallel.For(0, blocks.Count, i => sealedLengths[i] = BlockSeal.SealInto(blocks[i].Bytes.Span, key, blocks[i].Hash, buffer.AsSpan(start + slots[i], slots[i + 1] - slots[i])));
        }
        catch
        {
            lease.Dispose(); // the caller never sees it
            throw;
        }

        var offsets = new long[blocks.Count];
        var end = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            var length = (int)sealedLengths[i];
            if (slots[i] != end)
            {
                buffer.AsSpan(start + slots[i], length).CopyTo(buffer.AsSpan(start + end));
            }

            (offsets[i], end) = (end, end + length);
        }

        return (lease, start, end, sealedLengths, offsets);
    }

    /// <summary>
    /// Inserts the rows waiting in <paramref name="pending"/> in one transaction. Returns how many of
    /// those blocks, counted as stored when they were added, another upload had stored first.
    /// </summary>
    public async Task<int> FlushAsync(StorageNamespace ns, PendingBlockRows pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var packs = pending.TakeAll();
        return packs.Sum(p => p.Hashes.Length) - await InsertRowsAsync(ns, packs, cancellationToken);
    }

    // The rows of written packs, and each pack in the ledger, in one transaction: a transaction
    // rewrites every index page it touches, and the blocks' index is touched all over (its keys are
    // hashes), so one transaction for several packs writes those pages once instead of once a pack.
    private async Task<int> InsertRowsAsync(StorageNamespace ns, IReadOnlyList<WrittenPack> packs, CancellationToken cancellationToken)
    {
        if (packs.Count == 0)
        {
            return 0;
        }

        var engine = database.Database.Engine;
        var (total, unnamed) = (0, new List<string>());
        await using (var connection = await database.Database.OpenConnectionAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var pack in packs)
            {
                var parameters = new DynamicParameters(new { Ns = ns.Id, PackKey = pack.Key, Now });
                HashRows.Bind(engine, parameters, pack.Hashes, pack.Lengths, pack.SealedLengths, pack.Offsets);
                // A block another upload stored meanwhile keeps its row; our copy is dead bytes in the pack.
                var inserted = await connection.ExecuteAsync(new CommandDefinition(
                    $"""
                    INSERT INTO blocks (namespace_id, hash, length, stored_length, blob_key, blob_offset, touched_at_ms)
                    SELECT @Ns, r.hash, r.n1, r.n2, @PackKey, r.n3, @Now FROM {HashRows.Source(engine, 3)} WHERE true
                    ON CONFLICT (namespace_id, hash) DO NOTHING
                    """,
                    parameters,
                    transaction,
                    cancellationToken: cancellationToken));
                if (inserted > 0)
                {
                    await PackLedger.AddAsync(connection, transaction, ns.Id, pack.Key, pack.Length, inserted == pack.Hashes.Length, Now, cancellationToken);
                }
                else
                {
                    unnamed.Add(pack.Key);
                }

                total += inserted;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var packKey in unnamed)
        {
            await blobs.DeleteAsync(packKey, CancellationToken.None);
        }

        return total;
    }

    /// <summary>The block's bytes, or null when the namespace has no such block.</summary>
    /// <exception cref="BlockIntegrityException">The stored bytes were changed or do not hash to their name.</exception>
    public async Task<byte[]?> ReadAsync(StorageNamespace ns, string hash, CancellationToken cancellationToken) =>
        (await LocateAsync(ns, [hash], cancellationToken)).TryGetValue(hash, out var where) ? await ReadBlobAsync(ns, hash, where, cancellationToken) : null;

    /// <summary>Opens the sealed bytes <paramref name="where"/> says.</summary>
    public async Task<byte[]> ReadBlobAsync(StorageNamespace ns, string hash, BlobLocation where, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(where);
        await using var content = await blobs.OpenReadAsync(where.BlobKey, new ByteRange(where.BlobOffset, where.StoredLength), cancellationToken)
            ?? throw new BlockIntegrityException($"Block {hash} is recorded but its bytes are missing from the blob store.");
        var sealedBlock = new byte[content.Length];
        await content.Stream.ReadExactlyAsync(sealedBlock, cancellationToken);
        return BlockSeal.Open(sealedBlock, keys.KeyOf(ns), hash);
    }

    /// <summary>
    /// Opens a run of blocks lying end to end in one blob (<see cref="BlockRuns"/>) with one ranged
    /// read, each block opened (and checked against its name) on its own core.
    /// </summary>
    /// <exception cref="BlockIntegrityException">A block's bytes were changed, or are missing.</exception>
    public async Task<byte[][]> ReadRunAsync(StorageNamespace ns, IReadOnlyList<(string Hash, BlobLocation Where)> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Count <= 1)
        {
            return run.Count == 0 ? [] : [await ReadBlobAsync(ns, run[0].Hash, run[0].Where, cancellationToken)];
        }

        var (first, last) = (run[0].Where, run[^1].Where);
        var length = checked((int)(last.BlobOffset + last.StoredLength - first.BlobOffset));
        if (BlockRuns.Length(run, 0, b => b.Where, length) != run.Count)
        {
            throw new ArgumentException("The blocks do not lie end to end in one blob.", nameof(run));
        }

        var sealedRun = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            await using (var content = await blobs.OpenReadAsync(first.BlobKey, new ByteRange(first.BlobOffset, length), cancellationToken)
                ?? throw new BlockIntegrityException($"Blocks {run[0].Hash}… are recorded but their bytes are missing from the blob store."))
            {
                await content.Stream.ReadExactlyAsync(sealedRun.AsMemory(0, length), cancellationToken);
            }

            var (key, opened) = (keys.KeyOf(ns), new byte[run.Count][]);
            try
            {
                Parallel.For(0, run.Count, i => opened[i] = BlockSeal.Open(
                    sealedRun.AsSpan((int)(run[i].Where.BlobOffset - first.BlobOffset), (int)run[i].Where.StoredLength), key, run[i].Hash));
            }
            catch (AggregateException failed) when (failed.InnerExceptions.OfType<BlockIntegrityException>().FirstOrDefault() is { } integrity)
            {
                ExceptionDispatchInfo.Throw(integrity);
            }

            return opened;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(sealedRun);
        }
    }

    /// <summary>Where each of <paramref name="hashes"/> the namespace has is stored.</summary>
    public async Task<IReadOnlyDictionary<string, BlobLocation>> LocateAsync(StorageNamespace ns, IReadOnlyCollection<string> hashes, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var engine = database.Database.Engine;
        var rows = await connection.QueryAsync<(string Hash, string BlobKey, long BlobOffset, long StoredLength)>(new CommandDefinition(
            $"SELECT b.hash, {BlobLocation.Columns} FROM blocks b WHERE b.namespace_id = @Ns AND {BlockHashes.AnyOf(engine, "b.hash")}",
            new { Ns = ns.Id, Hashes = BlockHashes.Parameter(engine, hashes) },
            cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Hash, r => new BlobLocation(r.BlobKey, r.BlobOffset, r.StoredLength), StringComparer.Ordinal);
    }

    /// <summary>The largest block accepted.</summary>
    public int MaxBlockBytes => options.Value.MaxBlockBytes;

    private static bool AllHashesMatch(IReadOnlyList<(string Hash, ReadOnlyMemory<byte> Bytes)> batch)
    {
        if (batch.Count == 1)
        {
            return HashMatches(batch[0].Bytes.Span, batch[0].Hash);
        }

        var mismatch = false;
        Parallel.For(0, batch.Count, (i, loop) =>
        {
            if (!HashMatches(batch[i].Bytes.Span, batch[i].Hash))
            {
                mismatch = true;
                loop.Stop();
            }
        });
        return !mismatch;
    }

    private static bool HashMatches(ReadOnlySpan<byte> block, string hash)
    {
        Span<byte> actual = stackalloc byte[32];
        SHA256.HashData(block, actual);
        Span<byte> claimed = stackalloc byte[32];
        return Convert.FromHexString(hash, claimed, out _, out var written) == OperationStatus.Done && written == 32 && actual.SequenceEqual(claimed);
    }
}
