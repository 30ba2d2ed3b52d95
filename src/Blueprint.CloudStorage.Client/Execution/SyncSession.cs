using Blueprint.CloudStorage.Client.Planning;

namespace Blueprint.CloudStorage.Client.Execution;

/// <summary>
/// What the actions of one sync share: the folder, the server, the merge base they bring up to
/// date (saved after every action, so a client killed at any point restarts and converges), and the
/// bytes moved.
/// </summary>
internal sealed class SyncSession(ISyncFileSystem folder, IStorageRemote remote, IProgress<SyncProgress>? progress, SyncState state)
{
    public ISyncFileSystem Folder => folder;

    public IStorageRemote Remote => remote;

    public SyncState State => state;

    public long Uploaded { get; private set; }

    public long Downloaded { get; private set; }

    public void CountUploaded(long bytes) => Uploaded += bytes;

    public void CountDownloaded(long bytes) => Downloaded += bytes;

    public void Report(SyncProgress progressMade) => progress?.Report(progressMade);

    public void Save() => state.Save(folder);

    /// <summary>Records <paramref name="file"/> as in sync with <paramref name="local"/>, and its block list for the next edit's delta.</summary>
    public void Remember(RemoteFile file, LocalFile local, FileBlocks? blocks)
    {
        if (blocks is not null)
        {
            SyncState.WriteList(folder, blocks.Blocks);
        }

        state.Files[Keys.Of(file.Path)] = SyncedFile.Of(file, local);
    }

    /// <summary>The local folder under the server's name for it (which may differ in case).</summary>
    public LocalFile SettleFolder(string localPath, string remotePath)
    {
        if (localPath != remotePath)
        {
            folder.RenameFolder(localPath, remotePath);
        }

        return new LocalFile(remotePath, 0, 0, Folder: true);
    }

    /// <exception cref="LocalChangedException">The file at <paramref name="path"/> is no longer what the plan saw.</exception>
    public void EnsureUnchanged(LocalFile? planned, string path)
    {
        var now = folder.Info(path);
        if (now != planned && !(now is not null && planned is not null && now.Size == planned.Size && now.ModifiedTicks == planned.ModifiedTicks))
        {
            throw new LocalChangedException($"'{path}' changed while the sync ran; it is synced again next time.");
        }
    }

    public async Task<FileBlocks> ReadBlocksAsync(LocalFile file, CancellationToken cancellationToken)
    {
        await using var stream = folder.OpenRead(file.Path);
        return await FileBlocks.ReadAsync(stream, file.Size, cancellationToken);
    }
}
