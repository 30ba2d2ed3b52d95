using Blueprint.BuildingBlocks.Sync;
using Blueprint.CloudStorage.Client;

namespace Blueprint.CloudStorage.Tests.Sync;

/// <summary>
/// The network as the simulation wants it: each call may be lost before it reaches the server, or
/// after (the server acted; the client never hears), or the client may crash on either side of it.
/// Every choice comes from the seeded random source, so a run replays exactly.
/// </summary>
internal sealed class FaultyRemote(IStorageRemote inner, Random random) : IStorageRemote
{
    /// <summary>The chance that one call is lost (half before, half after the server), 0 to 1.</summary>
    public double LossRate { get; set; }

    /// <summary>The chance that the client crashes at one call.</summary>
    public double CrashRate { get; set; }

    public Task<RemoteChanges> ChangesAsync(long cursor, CancellationToken cancellationToken) => Call(() => inner.ChangesAsync(cursor, cancellationToken));

    public Task<IReadOnlyList<string>> MissingAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken) => Call(() => inner.MissingAsync(hashes, cancellationToken));

    public Task<bool> UploadAsync(IAsyncEnumerable<(string Hash, ReadOnlyMemory<byte> Bytes)> blocks, CancellationToken cancellationToken) =>
        Call(() => inner.UploadAsync(blocks, cancellationToken));

    public Task<IReadOnlyList<string>> UploadUnnamedAsync(IAsyncEnumerable<(UInt128 Checksum, ReadOnlyMemory<byte> Bytes)> blocks, CancellationToken cancellationToken) =>
        Call(() => inner.UploadUnnamedAsync(blocks, cancellationToken));

    public Task<RemoteWrite> CommitAsync(string path, string? parentVersion, IReadOnlyList<BlockListEntry> blocks, CancellationToken cancellationToken) =>
        Call(() => inner.CommitAsync(path, parentVersion, blocks, cancellationToken));

    public Task<RemoteWrite> CreateFolderAsync(string path, CancellationToken cancellationToken) => Call(() => inner.CreateFolderAsync(path, cancellationToken));

    public Task<RemoteWrite> DeleteAsync(string path, string parentVersion, CancellationToken cancellationToken) => Call(() => inner.DeleteAsync(path, parentVersion, cancellationToken));

    public Task<RemoteWrite> MoveAsync(string from, string to, string parentVersion, CancellationToken cancellationToken) => Call(() => inner.MoveAsync(from, to, parentVersion, cancellationToken));

    public Task<RemoteBlockList?> BlocksAsync(string path, string? baseVersion, CancellationToken cancellationToken) => Call(() => inner.BlocksAsync(path, baseVersion, cancellationToken));

    public Task<IReadOnlyDictionary<string, byte[]>> FetchAsync(IReadOnlyList<string> hashes, CancellationToken cancellationToken) => Call(() => inner.FetchAsync(hashes, cancellationToken));

    public Task<bool> WaitForChangeAsync(long cursor, TimeSpan timeout, CancellationToken cancellationToken) => inner.WaitForChangeAsync(cursor, timeout, cancellationToken);

    private async Task<T> Call<T>(Func<Task<T>> call)
    {
        Fail(before: true);
        var result = await call();
        Fail(before: false);
        return result;
    }

    private void Fail(bool before)
    {
        if (random.NextDouble() < CrashRate / 2)
        {
            throw new SimulatedCrash();
        }

        if (random.NextDouble() < LossRate / 2)
        {
            throw new RemoteUnavailableException(before ? "simulated: request lost" : "simulated: response lost");
        }
    }
}
