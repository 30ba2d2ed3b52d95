using Blueprint.BuildingBlocks.Sync;
using Blueprint.CloudStorage.Client;

namespace Blueprint.CloudStorage.Tests.Sync;

/// <summary>
/// The real server, with a compromised one's extra entries in every change list: empty files under
/// names the client must not place, whose block lists it answers itself, as a hostile server would.
/// </summary>
internal sealed class HostileRemote(IStorageRemote inner, IReadOnlyList<string> hostilePaths) : IStorageRemote
{
    private static readonly string EmptyContent = ContentHash.Of([]);

    private IEnumerable<RemoteFile> Hostile => hostilePaths.Select((path, i) => new RemoteFile($"hostile-{i}", path, "v1", 0, EmptyContent, Deleted: false));

    public async Task<RemoteChanges> ChangesAsync(long cursor, CancellationToken cancellationToken)
    {
        var real = await inner.ChangesAsync(cursor, cancellationToken);
        return real with { Entries = [.. real.Entries, .. Hostile] };
    }

    public async Task<RemoteBlockList?> BlocksAsync(string path, string? baseVersion, CancellationToken cancellationToken) =>
        Hostile.FirstOrDefault(f => f.Path == path) is { } hostile
            ? new RemoteBlockList(hostile, null, [], [])
            : await inner.BlocksAsync(path, baseVersion, cancellationToken);

    public Task<IReadOnlyList<string>> MissingAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken) => inner.MissingAsync(hashes, cancellationToken);

    public Task<bool> UploadAsync(IAsyncEnumerable<(string Hash, ReadOnlyMemory<byte> Bytes)> blocks, CancellationToken cancellationToken) => inner.UploadAsync(blocks, cancellationToken);

    public Task<IReadOnlyList<string>> UploadUnnamedAsync(IAsyncEnumerable<(UInt128 Checksum, ReadOnlyMemory<byte> Bytes)> blocks, CancellationToken cancellationToken) =>
        inner.UploadUnnamedAsync(blocks, cancellationToken);

    public Task<RemoteWrite> CommitAsync(string path, string? parentVersion, IReadOnlyList<BlockListEntry> blocks, CancellationToken cancellationToken) =>
        inner.CommitAsync(path, parentVersion, blocks, cancellationToken);

    public Task<RemoteWrite> CreateFolderAsync(string path, CancellationToken cancellationToken) => inner.CreateFolderAsync(path, cancellationToken);

    public Task<RemoteWrite> DeleteAsync(string path, string parentVersion, CancellationToken cancellationToken) => inner.DeleteAsync(path, parentVersion, cancellationToken);

    public Task<RemoteWrite> MoveAsync(string from, string to, string parentVersion, CancellationToken cancellationToken) => inner.MoveAsync(from, to, parentVersion, cancellationToken);

    public Task<IReadOnlyDictionary<string, byte[]>> FetchAsync(IReadOnlyList<string> hashes, CancellationToken cancellationToken) => inner.FetchAsync(hashes, cancellationToken);

    public Task<bool> WaitForChangeAsync(long cursor, TimeSpan timeout, CancellationToken cancellationToken) => inner.WaitForChangeAsync(cursor, timeout, cancellationToken);
}
