using Blueprint.BuildingBlocks.Sync;
using Blueprint.CloudStorage.Blocks;
using Blueprint.Infrastructure.Blobs;
using Dapper;

namespace Blueprint.CloudStorage.Maintenance;

/// <summary>
/// Rewrites packs that are mostly dead. A pack's bytes go only with the last block that names it, so
/// a pack of 2,000 blocks of which one is still used would hold the other 1,999's bytes for ever.
/// Once more than the configured fraction of a pack is dead, its live blocks' sealed bytes are copied
/// as they are (a sealed block does not depend on where it lies) into a new pack, their rows are
/// pointed at it in one statement — only rows still naming the old pack, so a block collected or
/// stored again meanwhile is left alone — and the old pack is retired. A retired pack is deleted once
/// the grace period is over, so a download that found its blocks there before the rewrite can finish.
/// </summary>
internal sealed class PackCompaction(StorageDatabase database, IBlobStore blobs)
{
    private const int PacksPerPass = 20;

    /// <summary>Rewrites up to a pass's worth of packs whose dead bytes exceed <paramref name="deadFraction"/>; returns how many, and the bytes they will free.</summary>
    public async Task<(int Packs, long Bytes)> CompactAsync(double deadFraction, long nowMs, CancellationToken cancellationToken)
    {
        if (deadFraction >= 1)
        {
            return (0, 0);
        }

        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var candidates = await connection.QueryAsync<(string Key, string Ns, long Bytes)>(new CommandDefinition(
            $"SELECT blob_key, namespace_id, CAST(bytes AS BIGINT) FROM packs WHERE retired_at_ms IS NULL AND dead_bytes > bytes * @Fraction ORDER BY dead_bytes DESC LIMIT {PacksPerPass}",
            new { Fraction = deadFraction },
            cancellationToken: cancellationToken));
        var (packs, freed) = (0, 0L);
        foreach (var (key, ns, bytes) in candidates)
        {
            var kept = await RewriteAsync(key, ns, nowMs, cancellationToken);
            (packs, freed) = (packs + 1, freed + bytes - kept);
        }

        return (packs, freed);
    }

    /// <summary>Deletes retired packs whose grace ended before <paramref name="cutoffMs"/>; returns how many.</summary>
    public async Task<int> DropRetiredAsync(long cutoffMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var retired = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT p.blob_key FROM packs p WHERE p.retired_at_ms < @Cutoff AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blob_key = p.blob_key) LIMIT 1000",
            new { Cutoff = cutoffMs },
            cancellationToken: cancellationToken));
        var dropped = 0;
        foreach (var key in retired)
        {
            await blobs.DeleteAsync(key, cancellationToken);
            await PackLedger.RemoveAsync(connection, key, cancellationToken);
            dropped++;
        }

        return dropped;
    }

    // The live blocks of one pack moved into a new one; returns the new pack's size.
    private async Task<long> RewriteAsync(string oldKey, string ns, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var live = (await connection.QueryAsync<(string Hash, long Offset, long Length)>(new CommandDefinition(
            "SELECT hash, CAST(blob_offset AS BIGINT), CAST(stored_length AS BIGINT) FROM blocks WHERE blob_key = @Key ORDER BY blob_offset",
            new { Key = oldKey },
            cancellationToken: cancellationToken))).ToList();
        if (live.Count == 0)
        {
            // Its last block went between the count and now: nothing to keep.
            await connection.ExecuteAsync(new CommandDefinition("UPDATE packs SET retired_at_ms = @Now WHERE blob_key = @Key", new { Key = oldKey, Now = nowMs }, cancellationToken: cancellationToken));
            return 0;
        }

        byte[] old;
        await using (var content = await blobs.OpenReadAsync(oldKey, cancellationToken: cancellationToken)
            ?? throw new BlockIntegrityException($"Pack {oldKey} is recorded but missing from the blob store."))
        {
            old = new byte[content.Length];
            await content.Stream.ReadExactlyAsync(old, cancellationToken);
        }

        var newKey = PackLedger.NewKey(ns);
        await using var pack = new PackStream([.. live.Select(b => new ReadOnlyMemory<byte>(old, checked((int)b.Offset), checked((int)b.Length)))]);
        await blobs.PutAsync(newKey, pack, cancellationToken);
        var newOffsets = pack.Offsets();

        var engine = database.Database.Engine;
        var parameters = new DynamicParameters(new { Ns = ns, Old = oldKey, New = newKey, Now = nowMs });
        HashRows.Bind(engine, parameters, [.. live.Select(b => b.Hash)], newOffsets);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var moved = await connection.ExecuteAsync(new CommandDefinition(
                $"""
                UPDATE blocks SET blob_key = @New, blob_offset = r.n1 FROM {HashRows.Source(engine, 1)}
                WHERE blocks.namespace_id = @Ns AND blocks.hash = r.hash AND blocks.blob_key = @Old
                """,
                parameters,
                transaction,
                cancellationToken: cancellationToken));
            await PackLedger.AddAsync(connection, transaction, ns, newKey, pack.Length, moved == live.Count, nowMs, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE packs SET retired_at_ms = @Now WHERE blob_key = @Old", parameters, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }

        return pack.Length;
    }
}
