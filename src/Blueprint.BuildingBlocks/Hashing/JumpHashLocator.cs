namespace Blueprint.BuildingBlocks.Hashing;

/// <summary>
/// Jump consistent hash (Lamping and Veach, 2014): no memory, perfectly even, and only 1/(N+1) of the
/// keys move when a bucket is added. Buckets are numbered, so only the last one can leave without
/// moving other keys: fine for shards that grow, wrong for nodes that fail at random.
/// </summary>
public sealed class JumpHashLocator : INodeLocator
{
    private readonly string[] _nodes;

    /// <summary>Buckets 0 … N − 1 are <paramref name="nodes"/> in order.</summary>
    public JumpHashLocator(IEnumerable<string> nodes)
    {
        _nodes = NodeList.Distinct(nodes);
    }

    /// <inheritdoc />
    public string Scheme => "jump";

    /// <inheritdoc />
    public IReadOnlyList<string> Nodes => _nodes;

    /// <inheritdoc />
    public string NodeFor(ulong keyHash) => _nodes[Bucket(keyHash, _nodes.Length)];

    /// <summary>The bucket in [0, <paramref name="buckets"/>) for a key, exactly as in the paper.</summary>
    public static int Bucket(ulong key, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        long b = -1;
        long j = 0;
        while (j < buckets)
        {
            b = j;
            key = unchecked((key * 2862933555777941757UL) + 1);
            j = (long)((b + 1) * ((double)(1L << 31) / ((key >> 33) + 1)));
        }

        return (int)b;
    }
}
