namespace Blueprint.BuildingBlocks.Hashing;

/// <summary>
/// Maglev hashing (Google, 2016): a lookup table of M slots, filled by letting each node claim slots
/// in the order of its own permutation, taking turns. Lookup is one array read; loads are within a
/// slot or so of even; a membership change moves a few more keys than the ideal.
/// </summary>
/// <remarks>
/// Node n's permutation: offset = XxHash64(n, seed 1) mod M, skip = XxHash64(n, seed 2) mod (M − 1) + 1,
/// slot j = (offset + j·skip) mod M. M must be prime so every skip visits every slot. Key → slot keyHash mod M.
/// </remarks>
public sealed class MaglevLocator : INodeLocator
{
    /// <summary>The paper's small table size, a prime: fine up to a few hundred nodes.</summary>
    public const int DefaultTableSize = 65537;

    private readonly string[] _nodes;
    private readonly int[] _table;

    /// <summary>Fills a table of <paramref name="tableSize"/> slots (a prime, at least the number of nodes).</summary>
    public MaglevLocator(IEnumerable<string> nodes, int tableSize = DefaultTableSize)
    {
        _nodes = NodeList.Distinct(nodes);
        if (tableSize < _nodes.Length || !IsPrime(tableSize))
        {
            throw new ArgumentOutOfRangeException(nameof(tableSize), tableSize, "The table size must be a prime no smaller than the number of nodes (100× it keeps loads even).");
        }

        _table = Populate(_nodes, tableSize);
    }

    /// <inheritdoc />
    public string Scheme => "maglev";

    /// <inheritdoc />
    public IReadOnlyList<string> Nodes => _nodes;

    /// <summary>M, the number of slots.</summary>
    public int TableSize => _table.Length;

    /// <inheritdoc />
    public string NodeFor(ulong keyHash) => _nodes[_table[(int)(keyHash % (ulong)_table.Length)]];

    private static int[] Populate(string[] nodes, int size)
    {
        var offsets = new long[nodes.Length];
        var skips = new long[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            offsets[i] = (long)(KeyHash.Of(nodes[i], 1) % (ulong)size);
            skips[i] = (long)(KeyHash.Of(nodes[i], 2) % (ulong)(size - 1)) + 1;
        }

        var table = new int[size];
        Array.Fill(table, -1);
        var next = new long[nodes.Length];
        var filled = 0;
        while (true)
        {
            for (var i = 0; i < nodes.Length; i++)
            {
                int slot;
                do
                {
                    slot = (int)((offsets[i] + (next[i] * skips[i])) % size);
                    next[i]++;
                }
                while (table[slot] >= 0);

                table[slot] = i;
                if (++filled == size)
                {
                    return table;
                }
            }
        }
    }

    private static bool IsPrime(int n)
    {
        if (n < 2)
        {
            return false;
        }

        for (var d = 2; (long)d * d <= n; d++)
        {
            if (n % d == 0)
            {
                return false;
            }
        }

        return true;
    }
}
