using System.Runtime.CompilerServices;
using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.CloudStorage.Client;

public sealed partial class SyncEngine
{
    // Runs one action and saves the state; a problem that a later pass may solve is returned, not thrown.
    private async Task<SyncAction?> ExecuteAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        try
        {
            var problem = action switch
            {
                Upload upload => await UploadAsync(upload, cancellationToken),
                Download download => await DownloadAsync(download, cancellationToken),
                DeleteRemote delete => await DeleteRemoteAsync(delete, cancellationToken),
                DeleteLocal delete => DeleteLocal(delete),
                RenameRemote rename => await RenameRemoteAsync(rename, cancellationToken),
                Adopt adopt => Adopt(adopt),
                AdoptCopy copy => AdoptCopy(copy),
                Forget forget => Forget(forget),
                _ => throw new InvalidOperationException($"Unknown action {action}."),
            };
            _state.Save(_fs);
            return problem is null ? null : new SyncAction("skip", action.Describe().Path, problem);
        }
        catch (LocalChangedException changed)
        {
            return new SyncAction("skip", action.Describe().Path, changed.Message);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            var path = action.Describe().Path;
            var times = _refusals.GetValueOrDefault(path).Times + 1;
            var problem = new SyncAction("skip", path, times < MaxFolderRefusals
                ? $"the folder refused: {error.Message}"
                : $"the folder refused, {times} times: {error.Message}; tried again next sync");
            _refusals[path] = (times, problem);
            return problem;
        }
    }

    private async Task<string?> UploadAsync(Upload upload, CancellationToken cancellationToken)
    {
        var local = upload.Local;
        if (local.File.Folder)
        {
            return await CreateRemoteFolderAsync(local, cancellationToken);
        }

        if (local.ContentHash == LocalState.Unread)
        {
            return await UploadUnreadAsync(upload, cancellationToken);
        }

        var blocks = local.Blocks ?? await ReadBlocksAsync(local.File, cancellationToken);
        var baseList = upload.Base is null ? null : SyncState.ReadList(_fs, upload.Base.ContentHash);
        var known = (baseList ?? []).Select(b => b.Hash).ToHashSet(StringComparer.Ordinal);
        var candidates = blocks.Blocks.Select(b => b.Hash).Where(h => !known.Contains(h)).Distinct(StringComparer.Ordinal).ToList();
        await SendBlocksAsync(local.File, blocks, await _remote.MissingAsync(candidates, cancellationToken), cancellationToken);
        return await CommitAsync(upload, blocks, baseList, cancellationToken);
    }

    // Commits what was sent, against the base version when its list is known; settles the local name to the server's.
    private async Task<string?> CommitAsync(Upload upload, FileBlocks blocks, IReadOnlyList<BlockRef>? baseList, CancellationToken cancellationToken)
    {
        var local = upload.Local;
        var entries = baseList is null
            ? blocks.Blocks.Select(BlockListEntry.New).ToList()
            : BlockListDelta.Encode(baseList, blocks.Blocks);
        var result = await _remote.CommitAsync(local.Path, upload.Base?.Version, entries, cancellationToken);
        if (result.Outcome == RemoteOutcome.MissingBlocks)
        {
            // Collected between the check and the commit (or the server lost them): send them and try once more.
            await SendBlocksAsync(local.File, blocks, result.Missing, cancellationToken);
            result = await _remote.CommitAsync(local.Path, upload.Base?.Version, entries, cancellationToken);
        }

        if (result.Outcome == RemoteOutcome.Refused && baseList is not null)
        {
            // The base version may have been thinned away on the server: send the whole list.
            result = await _remote.CommitAsync(local.Path, upload.Base?.Version, [.. blocks.Blocks.Select(BlockListEntry.New)], cancellationToken);
        }

        switch (result.Outcome)
        {
            case RemoteOutcome.Committed or RemoteOutcome.Unchanged:
                var file = result.File!;
                var settled = file.Path == local.Path ? local.File : _fs.Move(local.Path, file.Path);
                Remember(file, settled, blocks);
                return null;
            case RemoteOutcome.ConflictedCopy:
                // The server's version came first: ours lives on under the copy's name, here as there.
                var copy = result.File!;
                var moved = _fs.Move(local.Path, copy.Path);
                Remember(copy, moved, blocks);
                return null;
            default:
                return $"the server refused the upload ({result.Outcome}): {result.Reason}";
        }
    }

    private async Task<string?> CreateRemoteFolderAsync(LocalState local, CancellationToken cancellationToken)
    {
        var result = await _remote.CreateFolderAsync(local.Path, cancellationToken);
        if (result.Outcome is not (RemoteOutcome.Committed or RemoteOutcome.Unchanged))
        {
            return $"the server refused the folder ({result.Outcome}): {result.Reason}";
        }

        Remember(result.File!, SettleFolder(local.Path, result.File!.Path), null);
        return null;
    }

    // The local folder under the server's name for it (which may differ in case).
    private LocalFile SettleFolder(string localPath, string remotePath)
    {
        if (localPath != remotePath)
        {
            _fs.RenameFolder(localPath, remotePath);
        }

        return new LocalFile(remotePath, 0, 0, Folder: true);
    }

    private async Task SendBlocksAsync(LocalFile file, FileBlocks blocks, IReadOnlyList<string> hashes, CancellationToken cancellationToken)
    {
        if (hashes.Count == 0)
        {
            return;
        }

        if (!await _remote.UploadAsync(ReadWantedAsync(file, blocks, hashes, cancellationToken), cancellationToken))
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
        await using var stream = _fs.OpenRead(file.Path);
        for (var i = 0; i < blocks.Blocks.Count; i++)
        {
            if (!wanted.Remove(blocks.Blocks[i].Hash))
            {
                continue;
            }

            var bytes = await blocks.ReadBlockAsync(stream, i, verify: false, cancellationToken)
                ?? throw new LocalChangedException($"'{file.Path}' changed while it was being sent; it is sent again next time.");
            yield return (blocks.Blocks[i].Hash, bytes);
            (sent, _uploaded) = (sent + bytes.Length, _uploaded + bytes.Length);
            _progress?.Report(new SyncProgress("upload", file.Path, sent, total));
        }
    }

    private async Task<string?> DownloadAsync(Download download, CancellationToken cancellationToken)
    {
        var remote = download.Remote;
        var local = download.Local;
        if (remote.Folder)
        {
            if (local is null)
            {
                _fs.CreateFolder(remote.Path);
            }

            Remember(remote, SettleFolder(local?.Path ?? remote.Path, remote.Path), null);
            return null;
        }

        // The new file is written beside the old one before it replaces it: it needs its whole size
        // free. Checked before the block list is asked for, and again if the list is larger (the
        // file may have grown on the server since the pass began).
        EnsureRoomFor(remote.Size);

        // Blocks we hold already: the base version's, when the local file is still that version.
        var source = local is not null && download.Base is not null && local.ContentHash == download.Base.ContentHash
            ? (SyncState.ReadList(_fs, download.Base.ContentHash) is { } list ? (Path: local.Path, Blocks: FileBlocks.FromList(list), Version: download.Base.Version) : default)
            : default;
        var answer = await _remote.BlocksAsync(remote.Path, source.Version, cancellationToken);
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
        await using var fetched = new BlockFetchWindows(_remote.FetchAsync, blocks.Blocks, haveAt.ContainsKey);
        try
        {
            await fetched.StartAsync(cancellationToken);

            // Nothing is replaced unless the local file is still what the plan saw; a case-only rename first.
            EnsureUnchanged(local?.File, local?.Path ?? target.Path);
            var path = local is not null && local.Path != target.Path ? _fs.Move(local.Path, target.Path).Path : target.Path;
            await using var sourceStream = source.Path is null ? null : _fs.OpenRead(path);
            long written = 0;
            var settled = await _fs.WriteAtomicallyAsync(path, async output =>
            {
                for (var i = 0; i < blocks.Blocks.Count; i++)
                {
                    var block = blocks.Blocks[i];
                    var bytes = await fetched.TakeAsync(block.Hash, cancellationToken)
                        ?? await source.Blocks!.ReadBlockAsync(sourceStream!, haveAt[block.Hash], verify: true, cancellationToken)
                        ?? throw new LocalChangedException($"'{path}' changed while it was being updated; it is synced again next time.");
                    await output.WriteAsync(bytes, cancellationToken);
                    written += bytes.Length;
                    _progress?.Report(new SyncProgress("download", path, written, blocks.Length));
                }
            }, cancellationToken);
            Remember(target, settled, blocks);
            return null;
        }
        finally
        {
            _downloaded += fetched.Downloaded;
        }
    }

    // A full disk refuses the write as the folder would (an IOException, counted as a refusal), but
    // before a byte is fetched.
    private void EnsureRoomFor(long bytes)
    {
        if (_fs.AvailableBytes() is { } free && free < bytes)
        {
            throw new IOException($"not enough room on this disk: {bytes:N0} bytes needed, {free:N0} free");
        }
    }

    private async Task<string?> DeleteRemoteAsync(DeleteRemote delete, CancellationToken cancellationToken)
    {
        var result = await _remote.DeleteAsync(delete.Base.Path, delete.Base.Version, cancellationToken);
        switch (result.Outcome)
        {
            case RemoteOutcome.Committed or RemoteOutcome.NotFound:
                _state.Files.Remove(delete.Key);
                return null;
            case RemoteOutcome.Stale:
                return "changed on the server since; the change wins over the delete and comes back next time";
            default:
                return $"the server refused the delete ({result.Outcome}): {result.Reason}";
        }
    }

    private string? DeleteLocal(DeleteLocal delete)
    {
        if (delete.Local.File.Folder)
        {
            // Something new in it here beats the delete: forgotten, the folder is made again on the server next pass.
            _fs.DeleteFolder(delete.Local.Path);
            _state.Files.Remove(delete.Key);
            return null;
        }

        EnsureUnchanged(delete.Local.File, delete.Local.Path);
        _fs.Delete(delete.Local.Path);
        _state.Files.Remove(delete.Key);
        return null;
    }

    private async Task<string?> RenameRemoteAsync(RenameRemote rename, CancellationToken cancellationToken)
    {
        var result = await _remote.MoveAsync(rename.Base.Path, rename.Local.Path, rename.Base.Version, cancellationToken);
        if (result.Outcome is not (RemoteOutcome.Committed or RemoteOutcome.Unchanged))
        {
            return $"the server refused the rename ({result.Outcome}): {result.Reason}";
        }

        _state.Files[rename.Key] = Synced(result.File!, rename.Local.File);
        return null;
    }

    private string? Adopt(Adopt adopt)
    {
        var settled = adopt.Local.Path == adopt.Remote.Path ? adopt.Local.File
            : adopt.Local.File.Folder ? SettleFolder(adopt.Local.Path, adopt.Remote.Path)
            : _fs.Move(adopt.Local.Path, adopt.Remote.Path);
        Remember(adopt.Remote, settled, adopt.Local.Blocks);
        return null;
    }

    private string? AdoptCopy(AdoptCopy adopt)
    {
        if (_fs.Info(adopt.Copy.Path) is not null)
        {
            return $"'{adopt.Copy.Path}' exists here already";
        }

        EnsureUnchanged(adopt.Local.File, adopt.Local.Path);
        Remember(adopt.Copy, _fs.Move(adopt.Local.Path, adopt.Copy.Path), adopt.Local.Blocks);
        return null;
    }

    private string? Forget(Forget forget)
    {
        _state.Files.Remove(forget.Key);
        return null;
    }

    private void Remember(RemoteFile file, LocalFile local, FileBlocks? blocks)
    {
        if (blocks is not null)
        {
            SyncState.WriteList(_fs, blocks.Blocks);
        }

        _state.Files[Keys.Of(file.Path)] = Synced(file, local);
    }

    private static SyncedFile Synced(RemoteFile file, LocalFile local) =>
        new(file.Path, file.Id, file.Version, file.ContentHash, local.Size, file.Folder ? 0 : TrustedStamp(local), file.Folder);

    // A stamp that may not tell a same-tick edit apart is not stored, so the file is read next time.
    private static long TrustedStamp(LocalFile file) => file.Settled ? file.ModifiedTicks : 0;

    private async Task<FileBlocks> ReadBlocksAsync(LocalFile file, CancellationToken cancellationToken)
    {
        await using var stream = _fs.OpenRead(file.Path);
        return await FileBlocks.ReadAsync(stream, file.Size, cancellationToken);
    }

    private void EnsureUnchanged(LocalFile? planned, string path)
    {
        var now = _fs.Info(path);
        if (now != planned && !(now is not null && planned is not null && now.Size == planned.Size && now.ModifiedTicks == planned.ModifiedTicks))
        {
            throw new LocalChangedException($"'{path}' changed while the sync ran; it is synced again next time.");
        }
    }

    private sealed class LocalChangedException(string message) : Exception(message);
}
