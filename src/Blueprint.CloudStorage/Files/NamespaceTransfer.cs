using Blueprint.BuildingBlocks.Sync;
using Blueprint.CloudStorage.Blocks;
using Blueprint.CloudStorage.Namespaces;

namespace Blueprint.CloudStorage.Files;

/// <summary>
/// Moves a file or a folder to another namespace: out of a user's root into a shared folder, or
/// back. Each namespace seals its blocks under its own key, so the blocks the target lacks are
/// read (a run of adjacent ones at a time), opened (which checks them against their names) and
/// sealed again under the target's key, a group at a time; then one transaction over both namespaces adds the files there and moves
/// them to the trash here (<see cref="FileStore.TransferAsync"/>). A failure before that
/// transaction leaves only unreferenced blocks in the target, which the collector reclaims.
/// </summary>
internal sealed class NamespaceTransfer(FileStore files, BlockStore blocks)
{
    private const long GroupBytes = 32L << 20;

    public async Task<WriteResult> MoveAsync(StorageNamespace source, StorageNamespace target, Writer writer, SyncPath from, SyncPath to, string? parentVersion, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(source.Id, target.Id, nameof(target));
        var entries = await files.TreeAtAsync(source, from, cancellationToken);
        if (entries.Count == 0)
        {
            return WriteResult.Fail(WriteOutcome.NotFound, $"There is no file or folder '{from}'.");
        }

        if (parentVersion is not null && (entries.Count != 1 || entries[0].VersionId != parentVersion))
        {
            return WriteResult.Fail(WriteOutcome.Stale, $"'{from}' changed since version {parentVersion}.", entries[0]);
        }

        foreach (var entry in entries.Where(e => !e.Folder))
        {
            if (await CopyBlocksAsync(source, target, entry, cancellationToken) is { } failed)
            {
                return failed;
            }
        }

        return await files.TransferAsync(source, target, writer, from, to, entries, cancellationToken);
    }

    private async Task<WriteResult?> CopyBlocksAsync(StorageNamespace source, StorageNamespace target, FileEntry entry, CancellationToken cancellationToken)
    {
        var stored = await files.BlocksAsync(source, entry.VersionId, cancellationToken);
        var missing = (await blocks.MissingAsync(target, [.. stored.Select(b => b.Hash)], cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var copied = stored.Where(b => missing.Remove(b.Hash)).Select(b => (b.Hash, b.Where)).ToList();
        var group = new List<(string Hash, ReadOnlyMemory<byte> Bytes)>();
        long groupBytes = 0;
        // Blocks that went up together lie end to end in a pack: one ranged read for a run of them.
        foreach (var (start, count) in BlockRuns.Split(copied, b => b.Where))
        {
            var run = copied.GetRange(start, count);
            var opened = await blocks.ReadRunAsync(source, run, cancellationToken);
            for (var i = 0; i < run.Count; i++)
            {
                group.Add((run[i].Hash, opened[i]));
                groupBytes += opened[i].Length;
            }

            if (groupBytes >= GroupBytes)
            {
                if (await StoreAsync(target, group, cancellationToken) is { } failed)
                {
                    return failed;
                }

                (group, groupBytes) = ([], 0);
            }
        }

        return group.Count > 0 ? await StoreAsync(target, group, cancellationToken) : null;
    }

    private async Task<WriteResult?> StoreAsync(StorageNamespace target, List<(string Hash, ReadOnlyMemory<byte> Bytes)> group, CancellationToken cancellationToken)
    {
        // Opening checked every block against its name; sealing for the target need not hash again.
        var stored = await blocks.StoreNamedHereAsync(target, group, cancellationToken);
        return stored.Outcome == StoreOutcome.OverQuota
            ? WriteResult.Fail(WriteOutcome.OverQuota, $"The target's quota of {target.QuotaBytes:N0} bytes would be exceeded.")
            : null;
    }
}
