using System.Globalization;
using BenchmarkDotNet.Attributes;
using Blueprint.BuildingBlocks.Hashing;

namespace Blueprint.Benchmarks.BuildingBlocks;

/// <summary>
/// One lookup (key hash → node) per operation for every scheme of seed 003 §5 and its successors,
/// at 10 and 1,000 nodes, the ring with 200 virtual nodes each; jump hash is the baseline. The keys
/// are a million distinct hashes, so lookups land all over the ring's memory as real traffic does
/// (a few thousand keys would let every table sit in the CPU's cache).
/// </summary>
public class HashingBenchmarks
{
    private const int KeyCount = 1 << 20;
    private ulong[] _keys = null!;
    private ConsistentHashRing _ring = null!;
    private JumpHashLocator _jump = null!;
    private MaglevLocator _maglev = null!;
    private RendezvousLocator _rendezvous = null!;
    private ModuloLocator _modulo = null!;
    private int _next;

    [Params(10, 1000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var nodes = Enumerable.Range(0, Nodes).Select(i => string.Create(CultureInfo.InvariantCulture, $"node-{i}")).ToArray();
        _keys = [.. Enumerable.Range(0, KeyCount).Select(i => KeyHash.Of(string.Create(CultureInfo.InvariantCulture, $"key-{i}")))];
        _ring = new ConsistentHashRing(nodes, virtualNodes: 200);
        _jump = new JumpHashLocator(nodes);
        _maglev = new MaglevLocator(nodes, HashingSimulation.MaglevTableSizeFor(Nodes));
        _rendezvous = new RendezvousLocator(nodes);
        _modulo = new ModuloLocator(nodes);
    }

    private ulong NextKey() => _keys[_next++ & (KeyCount - 1)];

    [Benchmark(Baseline = true)]
    public string Jump() => _jump.NodeFor(NextKey());

    [Benchmark(Description = "Ring (200 vnodes)")]
    public string Ring() => _ring.NodeFor(NextKey());

    [Benchmark]
    public string Maglev() => _maglev.NodeFor(NextKey());

    [Benchmark]
    public string Rendezvous() => _rendezvous.NodeFor(NextKey());

    [Benchmark]
    public string Modulo() => _modulo.NodeFor(NextKey());

    [Benchmark(Description = "Ring: 3 replicas (distinct successors)")]
    public IReadOnlyList<string> RingReplicas() => _ring.NodesFor(NextKey(), 3);
}
