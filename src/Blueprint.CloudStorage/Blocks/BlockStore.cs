using System.Buffers;
using System.Security.Cryptography;
using Blueprint.BuildingBlocks.Sync;
using Blueprint.CloudStorage.Namespaces;
using Blueprint.Infrastructure.Blobs;
using Dapper;
using Microsoft.Extensions.Options;

namespace Blueprint.CloudStorage.Blocks;

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

        var key = keys.KeyOf(ns);
        var rows = new (string Hash, int Length, int Stored, string BlobKey)[fresh.Count];
        await Parallel.ForAsync(0, fresh.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount * 2 }, async (i, token) =>
        {
            var (hash, bytes) = fresh[i];
            var sealedBlock = BlockSeal.Seal(bytes.Span, key, hash);
            var blobKey = BlobKeyOf(ns, hash);
            using var content = new MemoryStream(sealedBlock, writable: false);
            await blobs.PutAsync(blobKey, content, token);
            rows[i] = (hash, bytes.Length, sealedBlock.Length, blobKey);
        });

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = 0;
        var duplicates = new List<string>();
        foreach (var row in rows)
        {
            var added = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO blocks (namespace_id, hash, length, stored_length, blob_key, touched_at_ms)
                VALUES (@Ns, @Hash, @Length, @Stored, @BlobKey, @Now)
                ON CONFLICT (namespace_id, hash) DO NOTHING
                """,
                new { Ns = ns.Id, row.Hash, row.Length, row.Stored, row.BlobKey, Now },
                transaction,
                cancellationToken: cancellationToken));
            inserted += added;
            if (added == 0)
            {
                duplicates.Add(row.BlobKey);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var duplicate in duplicates)
        {
            // Another upload of the same block won the race; ours is a copy nobody names.
            await blobs.DeleteAsync(duplicate, CancellationToken.None);
        }

        return (StoreOutcome.Stored, inserted, batch.Count - inserted);
    }

    /// <summary>The block's bytes, or null when the namespace has no such block.</summary>
    /// <exception cref="BlockIntegrityException">The stored bytes were changed or do not hash to their name.</exception>
    public async Task<byte[]?> ReadAsync(StorageNamespace ns, string hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var blobKey = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT blob_key FROM blocks WHERE namespace_id = @Ns AND hash = @Hash", new { Ns = ns.Id, Hash = hash }, cancellationToken: cancellationToken));
        return blobKey is null ? null : await ReadBlobAsync(ns, hash, blobKey, cancellationToken);
    }

    /// <summary>Opens the sealed bytes at <paramref name="blobKey"/>.</summary>
    public async Task<byte[]> ReadBlobAsync(StorageNamespace ns, string hash, string blobKey, CancellationToken cancellationToken)
    {
        await using var content = await blobs.OpenReadAsync(blobKey, cancellationToken: cancellationToken)
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
