using System.Runtime.CompilerServices;
using Blueprint.BuildingBlocks.Sync;
using Blueprint.CloudStorage.Client.Planning;

namespace Blueprint.CloudStorage.Client.Execution;

/// <summary>
/// Sends a local file as the blocks the server lacks and commits its block list, as a delta against
/// the base version's when that list is known (000 §8.3). A large file new on both sides goes
/// through <see cref="UnreadFileUpload"/> instead, cut and sent in one read.
/// </summary>
internal sealed class Uploader(SyncSession session) : IUploader
{
    public async Task<string?> UploadAsync(Upload upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var local = upload.Local;
        if (local.File.Folder)
        {
            return await CreateRemoteFolderAsync(local, cancellationToken);
        }

        if (local.ContentHash == LocalState.Unread)
        {
            return await UploadUnreadAsync(upload, cancellationToken);
        }

        var blocks = local.Blocks ?? await session.ReadBlocksAsync(local.File, cancellationToken);
        var baseList = upload.Base is null ? null : SyncState.ReadList(session.Folder, upload.Base.ContentHash);
        var known = (baseList ?? []).Select(b => b.Hash).ToHashSet(StringComparer.Ordinal);
        var candidates = blocks.Blocks.Select(b => b.Hash).Where(h => !known.Contains(h)).Distinct(StringComparer.Ordinal).ToList();
        await SendBlocksAsync(local.File, blocks, await session.Remote.MissingAsync(candidates, cancellationToken), cancellationToken);
        return await CommitAsync(upload, blocks, baseList, cancellationToken);
    }

    // Read again, hashing every block, when the one-read upload could not name every block itself.
    private async Task<string?> UploadUnreadAsync(Upload upload, CancellationToken cancellationToken)
    {
        var local = upload.Local;
        if (await new UnreadFileUpload(session).SendAsync(local.File, cancellationToken) is not { } named)
        {
            var read = await session.ReadBlocksAsync(local.File, cancellationToken);
            return await UploadAsync(upload with { Local = local with { ContentHash = read.ContentHash, Blocks = read } }, cancellationToken);
        }

        // What was read is what was sent and named; committed only if the file did not change meanwhile.
        session.EnsureUnchanged(local.File, local.Path);
        return await CommitAsync(upload, FileBlocks.FromList(named), null, cancellationToken);
    }

    // Commits what was sent, against the base version when its list is known; settles the local name to the server's.
    private async Task<string?> CommitAsync(Upload upload, FileBlocks blocks, IReadOnlyList<BlockRef>? baseList, CancellationToken cancellationToken)
    {
        var local = upload.Local;
        var entries = baseList is null
            ? blocks.Blocks.Select(BlockListEntry.New).ToList()
            : BlockListDelta.Encode(baseList, blocks.Blocks);
        var result = await session.Remote.CommitAsync(local.Path, upload.Base?.Version, entries, cancellationToken);
        if (result.Outcome == RemoteOutcome.MissingBlocks)
        {
            // Collected between the check and the commit (or the server lost them): send them and try once more.
            await SendBlocksAsync(local.File, blocks, result.Missing, cancellationToken);
            result = await session.Remote.CommitAsync(local.Path, upload.Base?.Version, entries, cancellationToken);
        }

        if (result.Outcome == RemoteOutcome.Refused && baseList is not null)
        {
            // The base version may have been thinned away on the server: send the whole list.
            result = await session.Remote.CommitAsync(local.Path, upload.Base?.Version, [.. blocks.Blocks.Select(BlockListEntry.New)], cancellationToken);
        }

        switch (result.Outcome)
        {
            case RemoteOutcome.Committed or RemoteOutcome.Unchanged:
                var file = result.File!;
                var settled = file.Path == local.Path ? local.File : session.Folder.Move(local.Path, file.Path);
                session.Remember(file, settled, blocks);
                return null;
            case RemoteOutcome.ConflictedCopy:
                // The server's version came first: ours lives on under the copy's name, here as there.
                var copy = result.File!;
                session.Remember(copy, session.Folder.Move(local.Path, copy.Path), blocks);
                return null;
            default:
                return $"the server refused the upload ({result.Outcome}): {result.Reason}";
        }
    }

    private async Task<string?> CreateRemoteFolderAsync(LocalState local, CancellationToken cancellationToken)
    {
        var result = await session.Remote.CreateFolderAsync(local.Path, cancellationToken);
        if (result.Outcome is not (RemoteOutcome.Committed or RemoteOutcome.Unchanged))
        {
            return $"the server refused the folder ({result.Outcome}): {result.Reason}";
        }

        session.Remember(result.File!, session.SettleFolder(local.Path, result.File!.Path), null);
        return null;
    }

    private async Task SendBlocksAsync(LocalFile file, FileBlocks blocks, IReadOnlyList<string> hashes, CancellationToken cancellationToken)
    {
        if (hashes.Count == 0)
        {
            return;
        }

        if (!await session.Remote.UploadAsync(ReadWantedAsync(file, blocks, hashes, cancellationToken), cancellationToken))
        {
            throw new LocalChangedException($"'{file.Path}' changed while it was being sent; it is sent again next time.");
        }
    }

    // The blocks the server lacks, read in file order as the upload consumes them. They are not hashed
    // again: the server checks every block against its name, and a file changed since it was read
    // fails the upload (as does one grown shorter, here).
    private async IAsyncEnumerable<(string Hash, ReadOnlyMemory<byte> Bytes)> ReadWantedAsync(
        LocalFile file, FileBlocks blocks, IReadOnlyList<string> hashes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var wanted = hashes.ToHashSet(StringComparer.Ordinal);
        var total = blocks.Blocks.Where(b => wanted.Contains(b.Hash)).DistinctBy(b => b.Hash).Sum(b => (long)b.Length);
        long sent = 0;
        await using var stream = session.Folder.OpenRead(file.Path);
        for (var i = 0; i < blocks.Blocks.Count; i++)
        {
            if (!wanted.Remove(blocks.Blocks[i].Hash))
            {
                continue;
            }

            var bytes = await blocks.ReadBlockAsync(stream, i, verify: false, cancellationToken)
                ?? throw new LocalChangedException($"'{file.Path}' changed while it was being sent; it is sent again next time.");
            yield return (blocks.Blocks[i].Hash, bytes);
            sent += bytes.Length;
            session.CountUploaded(bytes.Length);
            session.Report(new SyncProgress("upload", file.Path, sent, total));
        }
    }
}
