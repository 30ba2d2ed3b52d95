using Blueprint.BuildingBlocks.Sync;
using Blueprint.CloudStorage.Client.Planning;

namespace Blueprint.CloudStorage.Client.Execution;

/// <summary>
/// Brings a remote file here as a delta against the blocks this folder holds already (the base
/// version's, when the local file is still that version), written beside the old file and put in
/// place atomically, and only if the local file is still what the plan saw.
/// </summary>
internal sealed class Downloader(SyncSession session) : IDownloader
{
    public async Task<string?> DownloadAsync(Download download, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(download);
        var (remote, local, fs) = (download.Remote, download.Local, session.Folder);
        if (remote.Folder)
        {
            if (local is null)
            {
                fs.CreateFolder(remote.Path);
            }

            session.Remember(remote, session.SettleFolder(local?.Path ?? remote.Path, remote.Path), null);
            return null;
        }

        // The new file is written beside the old one before it replaces it: it needs its whole size
        // free. Checked before the block list is asked for, and again if the list is larger (the
        // file may have grown on the server since the pass began).
        EnsureRoomFor(remote.Size);

        // Blocks we hold already: the base version's, when the local file is still that version.
        var source = local is not null && download.Base is not null && local.ContentHash == download.Base.ContentHash
            ? (SyncState.ReadList(fs, download.Base.ContentHash) is { } list ? (Path: local.Path, Blocks: FileBlocks.FromList(list), Version: download.Base.Version) : default)
            : default;
        var answer = await session.Remote.BlocksAsync(remote.Path, source.Version, cancellationToken);
        if (answer is null)
        {
            return "gone from the server since the pass began";
        }

        var target = answer.File;
        var blocks = FileBlocks.FromList(BlockListDelta.Decode(source.Blocks?.Blocks ?? [], answer.Entries));
        if (blocks.ContentHash != target.ContentHash)
        {
            return "the server's block list does not match its content hash";
        }

        if (blocks.Length > remote.Size)
        {
            EnsureRoomFor(blocks.Length);
        }

        var haveAt = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; source.Blocks is not null && i < source.Blocks.Blocks.Count; i++)
        {
            haveAt.TryAdd(source.Blocks.Blocks[i].Hash, i);
        }

        // A small file's blocks all arrive before anything here changes; a large one's arrive a
        // window at a time while it is written, the next window asked for while one is written.
        await using var fetched = new BlockFetchWindows(session.Remote.FetchAsync, blocks.Blocks, haveAt.ContainsKey);
        try
        {
            await fetched.StartAsync(cancellationToken);

            // Nothing is replaced unless the local file is still what the plan saw; a case-only rename first.
            session.EnsureUnchanged(local?.File, local?.Path ?? target.Path);
            var path = local is not null && local.Path != target.Path ? fs.Move(local.Path, target.Path).Path : target.Path;
            await using var sourceStream = source.Path is null ? null : fs.OpenRead(path);
            long written = 0;
            var settled = await fs.WriteAtomicallyAsync(path, async output =>
            {
                for (var i = 0; i < blocks.Blocks.Count; i++)
                {
                    var block = blocks.Blocks[i];
                    var bytes = await fetched.TakeAsync(block.Hash, cancellationToken)
                        ?? await source.Blocks!.ReadBlockAsync(sourceStream!, haveAt[block.Hash], verify: true, cancellationToken)
                        ?? throw new LocalChangedException($"'{path}' changed while it was being updated; it is synced again next time.");
                    await output.WriteAsync(bytes, cancellationToken);
                    written += bytes.Length;
                    session.Report(new SyncProgress("download", path, written, blocks.Length));
                }
            }, cancellationToken);
            session.Remember(target, settled, blocks);
            return null;
        }
        finally
        {
            session.CountDownloaded(fetched.Downloaded);
        }
    }

    // A full disk refuses the write as the folder would (an IOException, counted as a refusal), but
    // before a byte is fetched.
    private void EnsureRoomFor(long bytes)
    {
        if (session.Folder.AvailableBytes() is { } free && free < bytes)
        {
            throw new IOException($"not enough room on this disk: {bytes:N0} bytes needed, {free:N0} free");
        }
    }
}
