using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.CloudStorage.Client;

/// <summary>
/// The storage service as the sync engine sees it (one namespace). Over HTTP in real use; in the
/// simulation, wrapped to lose requests and responses.
/// </summary>
public interface IStorageRemote
{
    /// <summary>Every file changed after <paramref name="cursor"/> (0: every file), across all pages.</summary>
    Task<RemoteChanges> ChangesAsync(long cursor, CancellationToken cancellationToken);

    /// <summary>Of these block hashes, the ones the server lacks.</summary>
    Task<IReadOnlyList<string>> MissingAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken);

    /// <summary>
    /// Stores blocks as the source yields them, each checked against its hash by the server; false
    /// when a block's bytes were not its hash (the file changed after it was read). An error of the
    /// source is thrown as it is.
    /// </summary>
    Task<bool> UploadAsync(IAsyncEnumerable<(string Hash, ReadOnlyMemory<byte> Bytes)> blocks, CancellationToken cancellationToken);

    /// <summary>
    /// Stores blocks as the source yields them, each sent with its <see cref="BlockFrames.Checksum"/>
    /// and named by the server: their SHA-256s, in the order sent. An error of the source is thrown as it is.
    /// </summary>
    Task<IReadOnlyList<string>> UploadUnnamedAsync(IAsyncEnumerable<(UInt128 Checksum, ReadOnlyMemory<byte> Bytes)> blocks, CancellationToken cancellationToken);

    /// <summary>Commits a version made of blocks already stored; a losing edit is kept as a conflicted copy.</summary>
    Task<RemoteWrite> CommitAsync(string path, string? parentVersion, IReadOnlyList<BlockListEntry> blocks, CancellationToken cancellationToken);

    /// <summary>Makes a folder (which may stay empty); one that exists already is <see cref="RemoteOutcome.Unchanged"/>.</summary>
    Task<RemoteWrite> CreateFolderAsync(string path, CancellationToken cancellationToken);

    /// <summary>Deletes a file, unless it changed since <paramref name="parentVersion"/>; a folder, only while it is empty.</summary>
    Task<RemoteWrite> DeleteAsync(string path, string parentVersion, CancellationToken cancellationToken);

    /// <summary>Renames a file, unless it changed since <paramref name="parentVersion"/>; a folder renamed in case only is renamed alone.</summary>
    Task<RemoteWrite> MoveAsync(string from, string to, string parentVersion, CancellationToken cancellationToken);

    /// <summary>The current version's blocks of the file at <paramref name="path"/>, against <paramref name="baseVersion"/> when given.</summary>
    Task<RemoteBlockList?> BlocksAsync(string path, string? baseVersion, CancellationToken cancellationToken);

    /// <summary>The bytes of these blocks.</summary>
    Task<IReadOnlyDictionary<string, byte[]>> FetchAsync(IReadOnlyList<string> hashes, CancellationToken cancellationToken);

    /// <summary>Waits until the namespace changes after <paramref name="cursor"/> (true) or <paramref name="timeout"/> passes (false).</summary>
    Task<bool> WaitForChangeAsync(long cursor, TimeSpan timeout, CancellationToken cancellationToken);
}
