using System.Collections.Frozen;
using System.Globalization;

namespace Blueprint.BuildingBlocks.Hashing;

/// <summary>
/// Consistent hashing (seed 003 §5): nodes and keys hashed onto one 64-bit ring; a key belongs to the
/// first virtual node clockwise from it. Immutable: <see cref="WithNode"/> and <see cref="WithoutNode"/>
/// return a new ring, so readers never lock and a membership change is one reference swap.
/// </summary>
/// <remarks>
/// Node <c>n</c> of weight <c>w</c> gets round(<c>virtualNodes</c> × <c>w</c>) tokens at
/// <see cref="KeyHash.Of(string)"/> of "<c>n</c>#<c>i</c>" for i = 0, 1, …; keys at <see cref="KeyHash.Of(string)"/>
/// of the key. A key hashing exactly onto a token belongs to that token; past the last token it wraps to the first.
/// </remarks>
public sealed class ConsistentHashRing : INodeLocator
{
    private readonly ulong[] _tokens;
    private readonly int[] _owners;

    // A jump table over the top bits of the hash: _bucketStart[b] is the first token whose top
    // bits (hash >> _bucketShift) are ≥ b. A lookup searches only its bucket's two or so tokens instead of
    // binary-searching the whole array, whose cache misses dominate at 200,000 tokens.
    private readonly int[] _bucketStart;
    private readonly int _bucketShift;
    private readonly string[] _nodes;
    private readonly FrozenDictionary<string, WeightedNode> _members;

    /// <summary>Builds a ring of the given nodes.</summary>
    /// <param name="nodes">The nodes; names must be distinct.</param>
    /// <param name="virtualNodes">Tokens per unit of weight; the seed's fix for uneven partitions.</param>
    /// <exception cref="ArgumentException">No nodes, a duplicate or blank name, a weight that is not positive, or virtual nodes below 1.</exception>
    public ConsistentHashRing(IEnumerable<WeightedNode> nodes, int virtualNodes = 200)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentOutOfRangeException.ThrowIfLessThan(virtualNodes, 1);
        var members = new Dictionary<string, WeightedNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(node.Name, nameof(nodes));
            if (!(node.Weight > 0) || double.IsInfinity(node.Weight))
            {
                throw new ArgumentException($"Node '{node.Name}' has weight {node.Weight}; a weight is a positive number.", nameof(nodes));
            }

            if (!members.TryAdd(node.Name, node))
            {
                throw new ArgumentException($"Node '{node.Name}' is given twice.", nameof(nodes));
            }
        }

        if (members.Count == 0)
        {
            throw new ArgumentException("A ring needs at least one node.", nameof(nodes));
        }

        VirtualNodes = virtualNodes;
        _members = members.ToFrozenDictionary(StringComparer.Ordinal);
        _nodes = [.. members.Keys];
        var tokens = new List<(ulong Token, int Owner)>();
        for (var owner = 0; owner < _nodes.Length; owner++)
        {
            var count = Math.Max(1, (int)Math.Round(virtualNodes * members[_nodes[owner]].Weight));
            for (var i = 0; i < count; i++)
            {
                tokens.Add((KeyHash.Of(string.Create(CultureInfo.InvariantCulture, $"{_nodes[owner]}#{i}")), owner));
            }
        }

        // Ties (two tokens on one point, about 1 in 2^64 per pair) go to the smaller node name, so every
        // process that builds this ring agrees.
        tokens.Sort((a, b) => a.Token != b.Token ? a.Token.CompareTo(b.Token) : string.CompareOrdinal(_nodes[a.Owner], _nodes[b.Owner]));
        _tokens = [.. tokens.Select(t => t.Token)];
        _owners = [.. tokens.Select(t => t.Owner)];
        var bucketBits = Math.Clamp((int)Math.Ceiling(Math.Log2(Math.Max(1, _tokens.Length / 2.0))), 4, 20);
        _bucketShift = 64 - bucketBits;
        _bucketStart = new int[(1 << bucketBits) + 1];
        var token = 0;
        for (var bucket = 0; bucket < _bucketStart.Length; bucket++)
        {
            while (token < _tokens.Length && (int)(_tokens[token] >> _bucketShift) < bucket)
            {
                token++;
            }

            _bucketStart[bucket] = token;
        }
    }

    /// <summary>Builds a ring of equally weighted nodes.</summary>
    public ConsistentHashRing(IEnumerable<string> nodes, int virtualNodes = 200)
        : this((nodes ?? throw new ArgumentNullException(nameof(nodes))).Select(n => new WeightedNode(n)), virtualNodes)
    {
    }

    /// <inheritdoc />
    public string Scheme => "ring";

    /// <summary>Tokens per unit of weight.</summary>
    public int VirtualNodes { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Nodes => _nodes;

    /// <summary>The nodes with their weights.</summary>
    public IEnumerable<WeightedNode> Members => _nodes.Select(n => _members[n]);

    /// <summary>How many tokens (virtual nodes) the ring holds.</summary>
    public int TokenCount => _tokens.Length;

    /// <summary>Every token in ring order with its node: what the dashboard draws.</summary>
    public IEnumerable<(ulong Token, string Node)> Tokens => _tokens.Select((t, i) => (t, _nodes[_owners[i]]));

    /// <summary>The node that owns <paramref name="key"/>.</summary>
    public string NodeFor(string key) => NodeFor(KeyHash.Of(key));

    /// <inheritdoc />
    public string NodeFor(ulong keyHash) => _nodes[_owners[TokenIndexFor(keyHash)]];

    /// <summary>
    /// The first <paramref name="count"/> distinct physical nodes clockwise from the key: where its
    /// replicas go (seed 003 §6). Fewer when the ring has fewer nodes.
    /// </summary>
    public IReadOnlyList<string> NodesFor(string key, int count) => NodesFor(KeyHash.Of(key), count);

    /// <inheritdoc cref="NodesFor(string, int)"/>
    public IReadOnlyList<string> NodesFor(ulong keyHash, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return [.. Clockwise(keyHash).Take(count)];
    }

    /// <summary>
    /// The distinct physical nodes in the order met walking clockwise from the key, produced lazily:
    /// the owner first, then the successors a replica or an overflowing key goes to.
    /// </summary>
    public IEnumerable<string> Clockwise(ulong keyHash)
    {
        var taken = new bool[_nodes.Length];
        var found = 0;
        var start = TokenIndexFor(keyHash);
        for (var step = 0; step < _tokens.Length && found < _nodes.Length; step++)
        {
            var owner = _owners[(start + step) % _tokens.Length];
            if (!taken[owner])
            {
                taken[owner] = true;
                found++;
                yield return _nodes[owner];
            }
        }
    }

    /// <summary>The share of the ring (0 to 1) each node owns: its expected share of keys.</summary>
    public IReadOnlyDictionary<string, double> Ownership()
    {
        var shares = _nodes.ToDictionary(n => n, _ => 0.0, StringComparer.Ordinal);
        for (var i = 0; i < _tokens.Length; i++)
        {
            // Token i owns the arc from the previous token (exclusive) up to itself.
            var previous = i == 0 ? _tokens[^1] : _tokens[i - 1];
            var arc = unchecked(_tokens[i] - previous);
            shares[_nodes[_owners[i]]] += (_tokens.Length == 1 ? ulong.MaxValue : arc) / 18446744073709551616.0;
        }

        return shares;
    }

    /// <summary>A ring with one more node; only keys that now belong to it move.</summary>
    public ConsistentHashRing WithNode(WeightedNode node) => new(Members.Append(node), VirtualNodes);

    /// <summary>A ring without the named node; only its keys move, each to its next node clockwise.</summary>
    /// <exception cref="ArgumentException">No such node, or it is the last one.</exception>
    public ConsistentHashRing WithoutNode(string name)
    {
        if (!_members.ContainsKey(name))
        {
            throw new ArgumentException($"There is no node '{name}' on the ring.", nameof(name));
        }

        return new(Members.Where(m => m.Name != name), VirtualNodes);
    }

    private int TokenIndexFor(ulong keyHash)
    {
        // The first token ≥ the key is in the key's bucket or, failing that, the first of a later one.
        var bucket = (int)(keyHash >> _bucketShift);
        var index = _bucketStart[bucket];
        var end = _bucketStart[bucket + 1];
        while (index < end && _tokens[index] < keyHash)
        {
            index++;
        }

        return index == _tokens.Length ? 0 : index;
    }
}
