using System.Data.Common;
using System.Diagnostics.Metrics;
using System.Globalization;
using Blueprint.CloudStorage.Blocks;
using Blueprint.Infrastructure.Blobs;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blueprint.CloudStorage.Maintenance;

/// <summary>
/// The storage service's background job, once per <see cref="CloudStorageOptions.MaintenanceInterval"/>:
/// thins old versions (the last N of each file and all within D days stay; older ones keep the newest
/// of each week until they age out), purges files that sat in the trash past their retention, and
/// collects blocks no version names once their grace period is over — deleting the row first, under
/// the foreign key that keeps a block a version names, then the bytes — and rewrites packs that are
/// mostly dead (<see cref="PackCompaction"/>). Once a day it also sweeps blobs
/// no row names (left by a crash between storing a block and recording it). Idempotent: several hosts
/// may run it at once. A failure is logged and tried next time; it never stops the host.
/// </summary>
internal sealed partial class StorageMaintenance(
    StorageDatabase database,
    IBlobStore blobs,
    IMeterFactory meters,
    IOptions<CloudStorageOptions> options,
    TimeProvider time,
    ILogger<StorageMaintenance> logger) : BackgroundService
{
    private const int Batch = 1_000;
    private const string BlobPrefix = "cloud-storage/";
    private static readonly TimeSpan OrphanSweepEvery = TimeSpan.FromDays(1);

    private readonly Counter<long> _removed = meters.Create("Blueprint.CloudStorage").CreateCounter<long>(
        "blueprint.storage.maintenance.removed", "{item}", "Versions thinned, files purged from the trash, blocks and orphan blobs collected, packs compacted and retired ones dropped, by kind.");

    private readonly PackCompaction _packs = new(database, blobs);

    private DateTimeOffset _lastOrphanSweep = time.GetUtcNow();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.MaintenanceInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await RunOnceAsync(time.GetUtcNow() - _lastOrphanSweep >= OrphanSweepEvery, stoppingToken);
        }
    }

    /// <summary>One pass; with <paramref name="sweepOrphans"/>, also the sweep of blobs no row names.</summary>
    public async Task<MaintenanceResult> RunOnceAsync(bool sweepOrphans, CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow();
            var thinned = await ThinVersionsAsync(now, cancellationToken);
            var purged = await PurgeTrashAsync(now, cancellationToken);
            var (blocks, bytes) = await CollectBlocksAsync(now, cancellationToken);
            var (compacted, compactedBytes) = await _packs.CompactAsync(options.Value.CompactPacksOverDeadFraction, now.ToUnixTimeMilliseconds(), cancellationToken);
            var dropped = await _packs.DropRetiredAsync((now - options.Value.BlockGracePeriod).ToUnixTimeMilliseconds(), cancellationToken);
            var orphans = 0;
            if (sweepOrphans)
            {
                orphans = await SweepOrphansAsync(now, cancellationToken);
                _lastOrphanSweep = now;
            }

            Count("version", thinned);
            Count("trashed-file", purged);
            Count("block", blocks);
            Count("orphan-blob", orphans);
            Count("compacted-pack", compacted);
            Count("retired-pack", dropped);
            return new MaintenanceResult(thinned, purged, blocks, bytes, orphans, compacted, compactedBytes, dropped);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, error);
            return new MaintenanceResult(0, 0, 0, 0, 0);
        }
    }

    private async Task<int> ThinVersionsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        // Candidates: past the keep-all age, not among the file's last N, and not its newest content (an undelete needs it).
        var candidates = (await connection.QueryAsync<(string Id, string FileId, long CreatedAtMs)>(new CommandDefinition(
            """
            SELECT v.id, v.file_id, v.created_at_ms FROM versions v JOIN files f ON f.id = v.file_id
            WHERE v.created_at_ms < @AllCutoff AND v.number <= f.head_number - @KeepLast
              AND EXISTS (SELECT 1 FROM versions later WHERE later.file_id = v.file_id AND later.number > v.number AND later.kind <> 'delete')
            ORDER BY v.file_id, v.number DESC
            LIMIT 5000
            """,
            new { AllCutoff = (now - settings.KeepAllVersionsFor).ToUnixTimeMilliseconds(), KeepLast = Math.Max(1, settings.KeepLastVersions) },
            cancellationToken: cancellationToken))).ToList();
        var weeklyCutoff = (now - settings.KeepWeeklyVersionsFor).ToUnixTimeMilliseconds();
        var doomed = new List<string>();
        foreach (var file in candidates.GroupBy(c => c.FileId))
        {
            var weeksKept = new HashSet<(int, int)>();
            foreach (var version in file)
            {
                var day = DateTimeOffset.FromUnixTimeMilliseconds(version.CreatedAtMs).UtcDateTime;
                if (version.CreatedAtMs < weeklyCutoff || !weeksKept.Add((ISOWeek.GetYear(day), ISOWeek.GetWeekOfYear(day))))
                {
                    doomed.Add(version.Id);
                }
            }
        }

        foreach (var id in doomed)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM version_blocks WHERE version_id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM versions WHERE id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }

        return doomed.Count;
    }

    private async Task<int> PurgeTrashAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var files = (await connection.QueryAsync<(string Id, string NamespaceId, long ChangeSeq)>(new CommandDefinition(
            $"SELECT id, namespace_id, change_seq FROM files WHERE deleted = 1 AND modified_at_ms < @Cutoff LIMIT {Batch}",
            new { Cutoff = (now - options.Value.TrashRetention).ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken))).ToList();
        foreach (var (id, ns, changeSeq) in files)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var parameters = new { Id = id, Ns = ns, Seq = changeSeq };
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM share_links WHERE file_id = @Id", parameters, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM version_blocks WHERE version_id IN (SELECT id FROM versions WHERE file_id = @Id)", parameters, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM versions WHERE file_id = @Id", parameters, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM files WHERE id = @Id AND deleted = 1", parameters, transaction, cancellationToken: cancellationToken));
            // A client whose cursor is older than this deletion never saw it: make it start over from a full listing.
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE namespaces SET reset_seq = CASE WHEN reset_seq > @Seq THEN reset_seq ELSE @Seq END WHERE id = @Ns", parameters, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }

        return files.Count;
    }

    private async Task<(int Blocks, long Bytes)> CollectBlocksAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var cutoff = (now - options.Value.BlockGracePeriod).ToUnixTimeMilliseconds();
        var unreferenced = await connection.QueryAsync<(string Ns, string Hash, string BlobKey, long Stored)>(new CommandDefinition(
            $"""
            SELECT b.namespace_id, b.hash, b.blob_key, b.stored_length FROM blocks b
            WHERE b.touched_at_ms < @Cutoff AND NOT EXISTS (SELECT 1 FROM version_blocks vb WHERE vb.namespace_id = b.namespace_id AND vb.hash = b.hash)
            LIMIT {Batch}
            """,
            new { Cutoff = cutoff },
            cancellationToken: cancellationToken));
        var (count, bytes) = (0, 0L);
        foreach (var (ns, hash, blobKey, stored) in unreferenced)
        {
            int deleted;
            try
            {
                // Conditional on the same blob and an old touch: a block stored or compared again since stays.
                deleted = await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM blocks WHERE namespace_id = @Ns AND hash = @Hash AND blob_key = @BlobKey AND touched_at_ms < @Cutoff",
                    new { Ns = ns, Hash = hash, BlobKey = blobKey, Cutoff = cutoff },
                    cancellationToken: cancellationToken));
            }
            catch (DbException)
            {
                // A commit named it meanwhile (the foreign key refused the delete): it lives on.
                continue;
            }

            if (deleted == 1)
            {
                // A pack holds many blocks: its bytes go with the last row that names it.
                var stillNamed = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM blocks WHERE blob_key = @BlobKey", new { BlobKey = blobKey }, cancellationToken: cancellationToken));
                if (stillNamed == 0)
                {
                    await blobs.DeleteAsync(blobKey, cancellationToken);
                    await PackLedger.RemoveAsync(connection, blobKey, cancellationToken);
                }
                else
                {
                    await PackLedger.AddDeadAsync(connection, blobKey, stored, cancellationToken);
                }

                (count, bytes) = (count + 1, bytes + stored);
            }
        }

        return (count, bytes);
    }

    private async Task<int> SweepOrphansAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - options.Value.BlockGracePeriod;
        var removed = 0;
        var page = new List<BlobInfo>();
        await foreach (var blob in blobs.ListAsync(BlobPrefix, cancellationToken))
        {
            if (blob.LastModified < cutoff)
            {
                page.Add(blob);
            }

            if (page.Count == Batch)
            {
                removed += await RemoveUnrecordedAsync(page, cancellationToken);
                page.Clear();
            }
        }

        return removed + await RemoveUnrecordedAsync(page, cancellationToken);
    }

    private async Task<int> RemoveUnrecordedAsync(List<BlobInfo> page, CancellationToken cancellationToken)
    {
        if (page.Count == 0)
        {
            return 0;
        }

        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var engine = database.Database.Engine;
        var recorded = (await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT blob_key FROM blocks WHERE {BlockHashes.AnyOf(engine, "blob_key")}",
            new { Hashes = BlockHashes.Parameter(engine, [.. page.Select(b => b.Key)]) },
            cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        var removed = 0;
        foreach (var orphan in page.Where(b => !recorded.Contains(b.Key)))
        {
            removed += await blobs.DeleteAsync(orphan.Key, cancellationToken) ? 1 : 0;
            await PackLedger.RemoveAsync(connection, orphan.Key, cancellationToken);
        }

        return removed;
    }

    private void Count(string kind, int items)
    {
        if (items > 0)
        {
            _removed.Add(items, new KeyValuePair<string, object?>("kind", kind));
        }
    }

    [LoggerMessage(LogLevel.Warning, "Cloud storage maintenance failed (versions, trash, blocks); trying again at the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
