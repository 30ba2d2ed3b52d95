using System.Buffers;
using System.Security.Cryptography;
using Blueprint.BuildingBlocks.Sync;
using Blueprint.CloudStorage.Namespaces;
using Blueprint.Infrastructure.Blobs;
using Dapper;
using Microsoft.Extensions.Options;

namespace Blueprint.CloudStorage.Blocks;

/// <summary>Where a block's sealed bytes are: a blob of its own, or a range of a pack.</summary>
internal sealed record BlobLocation(string BlobKey, long BlobOffset, long StoredLength)
{
    public const string Columns = "b.blob_key AS BlobKey, CAST(b.blob_offset AS BIGINT) AS BlobOffset, CAST(b.stored_length AS BIGINT) AS StoredLength";
}

/// <summary>How storing one block ended.</summary>
internal enum StoreOutcome
{
    Stored,

    /// <summary>The namespace had it already: nothing was written (dedupe).</summary>
    AlreadyStored,

    /// <summary>The bytes do not hash to the name they were sent under.</summary>
    HashMismatch,

    /// <summary>The namespace is full.</summary>
    OverQuota,
}

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
        if (!HashMatches(block.Span, hash))
        {
            return StoreOutcome.HashMismatch;
        }

        if ((await MissingAsync(ns, [hash], cancellationToken)).Count == 0)
        {
            return StoreOutcome.AlreadyStored;
        }

        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var used = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT used_bytes FROM namespaces WHERE id = @Ns", new { Ns = ns.Id }, cancellationToken: cancellationToken));
        if (used + block.Length > ns.QuotaBytes)
        {
            return StoreOutcome.OverQuota;
        }

        // The blob first, then the row: a row never names bytes that are not there. A crash between
        // leaves an orphan blob, which the collector's sweep removes.
        var sealedBlock = BlockSeal.Seal(block.Span, keys.KeyOf(ns), hash);
        var blobKey = BlobKeyOf(ns, hash);
        using (var content = new MemoryStream(sealedBlock, writable: false))
        {
            await blobs.PutAsync(blobKey, content, cancellationToken);
        }

        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO blocks (namespace_id, hash, length, stored_length, blob_key, touched_at_ms)
            VALUES (@Ns, @Hash, @Length, @Stored, @BlobKey, @Now)
            ON CONFLICT (namespace_id, hash) DO NOTHING
            """,
            new { Ns = ns.Id, Hash = hash, block.Length, Stored = sealedBlock.Length, BlobKey = blobKey, Now },
            cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            // Another upload of the same block won the race; ours is a duplicate nobody names.
            await blobs.DeleteAsync(blobKey, CancellationToken.None);
            return StoreOutcome.AlreadyStored;
        }

        return StoreOutcome.Stored;
    }

    /// <summary>
    /// Stores many blocks at once (a batch upload): one query for which exist, one quota check, the
    /// sealing and the blob writes in parallel, the rows in one transaction. Returns how many were
    /// new, or the first outcome that stopped the batch (nothing of it is stored then).
    /// </summary>
    public async Task<(StoreOutcome Outcome, int Stored, int AlreadyStored)> StoreBatchAsync(StorageNamespace ns, IReadOnlyList<(string Hash, ReadOnlyMemory<byte> Bytes)> batch, CancellationToken cancellationToken)
    {
        var mismatch = -1;
        Parallel.For(0, batch.Count, (i, loop) =>
        {
            if (!HashMatches(batch[i].Bytes.Span, batch[i].Hash))
            {
                Interlocked.CompareExchange(ref mismatch, i, -1);
                loop.Stop();
            }
        });
        if (mismatch >= 0)
        {
            return (StoreOutcome.HashMismatch, 0, 0);
        }

        var missing = (await MissingAsync(ns, [.. batch.Select(b => b.Hash)], cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var fresh = batch.Where(b => missing.Remove(b.Hash)).ToList();
        if (fresh.Count == 0)
        {
            return (StoreOutcome.AlreadyStored, 0, batch.Count);
        }

        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var used = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT used_bytes FROM namespaces WHERE id = @Ns", new { Ns = ns.Id }, cancellationToken: cancellationToken));
        if (used + fresh.Sum(b => (long)b.Bytes.Length) > ns.QuotaBytes)
        {
            return (StoreOutcome.OverQuota, 0, 0);
        }

        // Sealed in parallel, then written as one pack object: one blob write per batch, not per block.
        var key = keys.KeyOf(ns);
        var sealedBlocks = new byte[fresh.Count][];
        Parallel.For(0, fresh.Count, i => sealedBlocks[i] = BlockSeal.Seal(fresh[i].Bytes.Span, key, fresh[i].Hash));
        var packKey = $"cloud-storage/{ns.Id}/packs/{Guid.CreateVersion7():N}";
        var pack = new byte[sealedBlocks.Sum(b => (long)b.Length)];
        var rows = new (string Hash, int Length, int Stored, long Offset)[fresh.Count];
        long offset = 0;
        for (var i = 0; i < fresh.Count; i++)
        {
            sealedBlocks[i].CopyTo(pack, offset);
            rows[i] = (fresh[i].Hash, fresh[i].Bytes.Length, sealedBlocks[i].Length, offset);
            offset += sealedBlocks[i].Length;
        }

        using (var content = new MemoryStream(pack, writable: false))
        {
            await blobs.PutAsync(packKey, content, cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = 0;
        foreach (var row in rows)
        {
            // A block another upload stored meanwhile keeps its row; our copy is dead bytes in the pack.
            inserted += await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO blocks (namespace_id, hash, length, stored_length, blob_key, blob_offset, touched_at_ms)
                VALUES (@Ns, @Hash, @Length, @Stored, @PackKey, @Offset, @Now)
                ON CONFLICT (namespace_id, hash) DO NOTHING
                """,
                new { Ns = ns.Id, row.Hash, row.Length, row.Stored, PackKey = packKey, row.Offset, Now },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        if (inserted == 0)
        {
            await blobs.DeleteAsync(packKey, CancellationToken.None);
        }

        return (StoreOutcome.Stored, inserted, batch.Count - inserted);
    }

    /// <summary>The block's bytes, or null when the namespace has no such block.</summary>
    /// <exception cref="BlockIntegrityException">The stored bytes were changed or do not hash to their name.</exception>
    public async Task<byte[]?> ReadAsync(StorageNamespace ns, string hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var where = await connection.QuerySingleOrDefaultAsync<BlobLocation>(new CommandDefinition(
            $"SELECT {BlobLocation.Columns} FROM blocks b WHERE b.namespace_id = @Ns AND b.hash = @Hash", new { Ns = ns.Id, Hash = hash }, cancellationToken: cancellationToken));
        return where is null ? null : await ReadBlobAsync(ns, hash, where, cancellationToken);
    }

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

    /// <summary>The largest block accepted.</summary>
    public int MaxBlockBytes => options.Value.MaxBlockBytes;

    // A new name per stored copy, so collecting an old copy can never remove a newer one.
    private static string BlobKeyOf(StorageNamespace ns, string hash) =>
        $"cloud-storage/{ns.Id}/{hash[..2]}/{hash}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";

    private static bool HashMatches(ReadOnlySpan<byte> block, string hash)
    {
        Span<byte> actual = stackalloc byte[32];
        SHA256.HashData(block, actual);
        Span<byte> claimed = stackalloc byte[32];
        return Convert.FromHexString(hash, claimed, out _, out var written) == OperationStatus.Done && written == 32 && actual.SequenceEqual(claimed);
    }
}
