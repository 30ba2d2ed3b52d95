namespace Blueprint.CloudStorage.Blocks;

/// <summary>
/// The rows of packs one upload has written but not yet inserted, so that several packs' rows go in
/// with one transaction (<see cref="BlockStore.FlushAsync"/>). A block waiting here counts as stored
/// for the rest of the upload, so a repeat of it is not written twice. Until the flush, other
/// requests do not see these blocks, and a crash leaves their packs to the collector's sweep: the
/// resumed upload sends them again. So the wait grows with the upload (<see cref="Due"/>): the first
/// pack's rows go in at once, then each flush waits for as many bytes as went before, up to
/// <paramref name="mostBytes"/> — a crash costs at most that, or half of what was sent. Safe for the
/// upload's parallel stores.
/// </summary>
internal sealed class PendingBlockRows(long mostBytes)
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _hashes = new(StringComparer.Ordinal);
    private List<WrittenPack> _packs = [];
    private long _bytes;
    private long _flushedBytes;

    /// <summary>True when the rows waiting should go in now.</summary>
    public bool Due
    {
        get
        {
            lock (_lock)
            {
                return _bytes > 0 && _bytes >= Math.Min(mostBytes, _flushedBytes);
            }
        }
    }

    /// <summary>True when a block of this hash is waiting for its row.</summary>
    public bool Holds(string hash)
    {
        lock (_lock)
        {
            return _hashes.Contains(hash);
        }
    }

    public void Add(WrittenPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        lock (_lock)
        {
            _packs.Add(pack);
            _hashes.UnionWith(pack.Hashes);
            _bytes += pack.Lengths.Sum();
        }
    }

    /// <summary>Every pack waiting, which then waits no more.</summary>
    public IReadOnlyList<WrittenPack> TakeAll()
    {
        lock (_lock)
        {
            var taken = _packs;
            (_packs, _flushedBytes, _bytes) = ([], _flushedBytes + _bytes, 0);
            _hashes.Clear();
            return taken;
        }
    }
}
