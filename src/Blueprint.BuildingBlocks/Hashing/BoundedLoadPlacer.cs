namespace Blueprint.BuildingBlocks.Hashing;

/// <summary>
/// Consistent hashing with bounded loads (Mirrokni, Thorup and Zadimoghaddam, 2018): each node takes
/// at most ⌈(1 + ε) · average⌉ keys; a key whose ring node is full goes on clockwise to the next node
/// with room. Stateful: it counts what it has placed, so it assigns keys (sessions, connections) rather
/// than looking them up.
/// </summary>
public sealed class BoundedLoadPlacer
{
    private readonly ConsistentHashRing _ring;
    private readonly Dictionary<string, long> _loads;
    private readonly Lock _gate = new();
    private long _placed;

    /// <summary>Places keys on <paramref name="ring"/> with loads bounded by 1 + <paramref name="epsilon"/> times the average.</summary>
    public BoundedLoadPlacer(ConsistentHashRing ring, double epsilon = 0.25)
    {
        ArgumentNullException.ThrowIfNull(ring);
        if (!(epsilon > 0) || double.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε is a positive number: how far above the average a node may be loaded.");
        }

        _ring = ring;
        Epsilon = epsilon;
        _loads = ring.Nodes.ToDictionary(n => n, _ => 0L, StringComparer.Ordinal);
    }

    /// <summary>How far above the average a node may be loaded.</summary>
    public double Epsilon { get; }

    /// <summary>Keys placed per node.</summary>
    public IReadOnlyDictionary<string, long> Loads
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, long>(_loads, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Assigns a key: its ring node if under capacity, else the next clockwise that is.</summary>
    public string Place(ulong keyHash)
    {
        lock (_gate)
        {
            // The small subtraction keeps 1.1 × 5000 from rounding up to 5501 through floating-point error.
            var capacity = (long)Math.Ceiling(((1 + Epsilon) * (_placed + 1) / _loads.Count) - 1e-9);
            foreach (var node in _ring.Clockwise(keyHash))
            {
                if (_loads[node] < capacity)
                {
                    _loads[node]++;
                    _placed++;
                    return node;
                }
            }

            throw new InvalidOperationException("Every node is at capacity, which (1 + ε) > 1 makes impossible.");
        }
    }

    /// <summary>Releases a key placed on <paramref name="node"/>.</summary>
    public void Release(string node)
    {
        lock (_gate)
        {
            if (!_loads.TryGetValue(node, out var load) || load == 0)
            {
                throw new ArgumentException($"Node '{node}' holds no placed keys.", nameof(node));
            }

            _loads[node] = load - 1;
            _placed--;
        }
    }
}
