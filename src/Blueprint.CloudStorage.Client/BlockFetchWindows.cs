using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.CloudStorage.Client;

/// <summary>
/// The blocks a download needs from the server, fetched a window at a time so that a file of any
/// size costs bounded memory: each window asks for up to <see cref="WindowBytes"/> of blocks (every
/// distinct block once, in the file's order), the next window is asked for while this one is
/// written, and a fetched block is kept only while a later position of the file still needs it
/// (a run of zeros repeats one block all through a file). Blocks are taken in the file's order.
/// </summary>
internal sealed class BlockFetchWindows : IAsyncDisposable
{
    public const long WindowBytes = 16L << 20;

    private readonly Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyDictionary<string, byte[]>>> _fetch;
    private readonly List<string[]> _windows = [];
    private readonly Dictionary<string, int> _windowOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _usesLeft = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _kept = new(StringComparer.Ordinal);
    private Task<IReadOnlyDictionary<string, byte[]>>? _next;
    private int _arrived;

    /// <param name="fetch">Asks the server for blocks (<see cref="IStorageRemote.FetchAsync"/>).</param>
    /// <param name="blocks">The file's blocks, in order.</param>
    /// <param name="held">True for a block the client has already (it is not fetched).</param>
    /// <param name="windowBytes">How many bytes of blocks one window asks for.</param>
    public BlockFetchWindows(
        Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyDictionary<string, byte[]>>> fetch, IReadOnlyList<BlockRef> blocks, Func<string, bool> held, long windowBytes = WindowBytes)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(held);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowBytes, 1);
        _fetch = fetch;
        var (window, bytes) = (new List<string>(), 0L);
        foreach (var block in blocks.Where(b => !held(b.Hash)))
        {
            _usesLeft[block.Hash] = _usesLeft.GetValueOrDefault(block.Hash) + 1;
            if (!_windowOf.TryAdd(block.Hash, _windows.Count))
            {
                continue;
            }

            window.Add(block.Hash);
            bytes += block.Length;
            if (bytes >= windowBytes)
            {
                _windows.Add([.. window]);
                (window, bytes) = ([], 0);
            }
        }

        if (window.Count > 0)
        {
            _windows.Add([.. window]);
        }
    }

    /// <summary>How many windows the download fetches.</summary>
    public int Windows => _windows.Count;

    /// <summary>The bytes fetched so far.</summary>
    public long Downloaded { get; private set; }

    /// <summary>Fetches the first window (all of a small file's blocks) and asks for the second.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_arrived == 0 && _windows.Count > 0)
        {
            await ArriveAsync(cancellationToken);
        }
    }

    /// <summary>The bytes of the next position's block, or null when it is held (not fetched).</summary>
    public async ValueTask<byte[]?> TakeAsync(string hash, CancellationToken cancellationToken)
    {
        if (!_windowOf.TryGetValue(hash, out var window))
        {
            return null;
        }

        while (_arrived <= window)
        {
            await ArriveAsync(cancellationToken);
        }

        var bytes = _kept[hash];
        if (--_usesLeft[hash] == 0)
        {
            _kept.Remove(hash);
        }

        return bytes;
    }

    /// <summary>Waits for a window still being fetched when the download stops early, so its failure is observed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_next is { } next)
        {
            await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ArriveAsync(CancellationToken cancellationToken)
    {
        var fetched = await (_next ?? _fetch(_windows[_arrived], cancellationToken));
        foreach (var hash in _windows[_arrived])
        {
            var bytes = fetched.TryGetValue(hash, out var found) ? found : throw new RemoteUnavailableException($"The server did not send block {hash}.");
            _kept[hash] = bytes;
            Downloaded += bytes.Length;
        }

        _arrived++;
        _next = _arrived < _windows.Count ? _fetch(_windows[_arrived], cancellationToken) : null;
    }
}
