namespace Blueprint.BuildingBlocks.Hashing;

/// <summary>
/// Rendezvous (highest random weight) hashing: every node scores the key and the highest score wins.
/// Only the leaving node's keys move, weights are exact, and the runner-ups give replica order for free;
/// the price is O(N) work per lookup.
/// </summary>
/// <remarks>
/// Score of node n for a key: u = (Mix(keyHash XOR KeyHash.Of(n)) &gt;&gt; 11 + 0.5) / 2^53, a number in
/// (0, 1); score = −weight / ln u (the logarithmic method, which keeps shares proportional to weight).
/// </remarks>
public sealed class RendezvousLocator : INodeLocator
{
    private readonly string[] _nodes;
    private readonly ulong[] _seeds;
    private readonly double[] _weights;

    /// <summary>Scores keys on <paramref name="nodes"/>.</summary>
    public RendezvousLocator(IEnumerable<WeightedNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var list = nodes.ToArray();
        _nodes = NodeList.Distinct(list.Select(n => n.Name), nameof(nodes));
        if (list.Any(n => !(n.Weight > 0) || double.IsInfinity(n.Weight)))
        {
            throw new ArgumentException("Every weight must be a positive number.", nameof(nodes));
        }

        _seeds = [.. _nodes.Select(n => KeyHash.Of(n))];
        _weights = [.. list.Select(n => n.Weight)];
    }

    /// <summary>Scores keys on equally weighted <paramref name="nodes"/>.</summary>
    public RendezvousLocator(IEnumerable<string> nodes)
        : this((nodes ?? throw new ArgumentNullException(nameof(nodes))).Select(n => new WeightedNode(n)))
    {
    }

    /// <inheritdoc />
    public string Scheme => "rendezvous";

    /// <inheritdoc />
    public IReadOnlyList<string> Nodes => _nodes;

    /// <inheritdoc />
    public string NodeFor(ulong keyHash)
    {
        var best = 0;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < _nodes.Length; i++)
        {
            var score = Score(keyHash, i);
            if (score > bestScore)
            {
                bestScore = score;
                best = i;
            }
        }

        return _nodes[best];
    }

    private double Score(ulong keyHash, int node)
    {
        var unit = ((KeyHash.Mix(keyHash ^ _seeds[node]) >> 11) + 0.5) / (1UL << 53);
        return -_weights[node] / Math.Log(unit);
    }
}
