namespace Blueprint.BuildingBlocks.Hashing;

/// <summary>
/// hash(key) mod N, the seed's starting point (003 §5): perfectly even, but when N changes almost
/// every key moves (all but about 1/N of them). Kept for comparison.
/// </summary>
public sealed class ModuloLocator : INodeLocator
{
    private readonly string[] _nodes;

    /// <summary>Places keys on <paramref name="nodes"/>.</summary>
    public ModuloLocator(IEnumerable<string> nodes)
    {
        _nodes = NodeList.Distinct(nodes);
    }

    /// <inheritdoc />
    public string Scheme => "modulo";

    /// <inheritdoc />
    public IReadOnlyList<string> Nodes => _nodes;

    /// <inheritdoc />
    public string NodeFor(ulong keyHash) => _nodes[(int)(keyHash % (ulong)_nodes.Length)];
}
