using System.Diagnostics;
using System.Globalization;

namespace Blueprint.BuildingBlocks.Hashing;

/// <summary>
/// Places the same keys with every scheme of seed 003 §5 and its successors, then adds and removes a
/// node, and reports how even the load is and how many keys move: the comparison behind the seed's
/// argument for virtual nodes.
/// </summary>
public static class HashingSimulation
{
    /// <summary>The schemes <see cref="Run"/> compares, in the order it reports them.</summary>
    public static IReadOnlyList<string> Schemes { get; } = ["modulo", "ring", "jump", "rendezvous", "maglev", "bounded-load"];

    /// <summary>Runs the comparison.</summary>
    /// <param name="nodes">N, nodes before the change (at least 2).</param>
    /// <param name="virtualNodes">Virtual nodes per node for the ring and bounded loads.</param>
    /// <param name="keys">How many keys ("key-0", "key-1", …) to place.</param>
    /// <param name="schemes">A subset of <see cref="Schemes"/>; all when null.</param>
    /// <param name="boundedLoadEpsilon">ε for bounded loads.</param>
    public static IReadOnlyList<SchemeResult> Run(int nodes, int virtualNodes, int keys, IReadOnlyCollection<string>? schemes = null, double boundedLoadEpsilon = 0.25)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(virtualNodes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(keys, 1);
        var unknown = schemes?.Except(Schemes, StringComparer.Ordinal).ToList();
        if (unknown is { Count: > 0 })
        {
            throw new ArgumentException($"Unknown scheme(s) {string.Join(", ", unknown)}; schemes: {string.Join(", ", Schemes)}.", nameof(schemes));
        }

        var hashes = new ulong[keys];
        for (var i = 0; i < keys; i++)
        {
            hashes[i] = KeyHash.Of(string.Create(CultureInfo.InvariantCulture, $"key-{i}"));
        }

        var names = NodeNames(nodes + 1);
        var before = names[..nodes];
        var joined = names;
        var left = names[..(nodes - 1)];
        var results = new List<SchemeResult>();
        foreach (var scheme in Schemes.Where(s => schemes is null || schemes.Contains(s)))
        {
            var placeBefore = Placement(scheme, before, virtualNodes, boundedLoadEpsilon);
            var watch = Stopwatch.StartNew();
            var owners = placeBefore(hashes);
            var lookup = watch.Elapsed.TotalNanoseconds / keys;
            var afterJoin = Placement(scheme, joined, virtualNodes, boundedLoadEpsilon)(hashes);
            var afterLeave = Placement(scheme, left, virtualNodes, boundedLoadEpsilon)(hashes);
            var (spread, peak) = LoadSpread(owners, before);
            results.Add(new SchemeResult(
                scheme,
                nodes,
                keys,
                spread,
                peak,
                Moved(owners, afterJoin),
                1.0 / (nodes + 1),
                Moved(owners, afterLeave),
                1.0 / nodes,
                lookup));
        }

        return results;
    }

    private static Func<ulong[], string[]> Placement(string scheme, string[] nodes, int virtualNodes, double epsilon)
    {
        if (scheme == "bounded-load")
        {
            return hashes =>
            {
                var placer = new BoundedLoadPlacer(new ConsistentHashRing(nodes, virtualNodes), epsilon);
                return [.. hashes.Select(placer.Place)];
            };
        }

        INodeLocator locator = scheme switch
        {
            "modulo" => new ModuloLocator(nodes),
            "ring" => new ConsistentHashRing(nodes, virtualNodes),
            "jump" => new JumpHashLocator(nodes),
            "rendezvous" => new RendezvousLocator(nodes),
            "maglev" => new MaglevLocator(nodes, MaglevTableSizeFor(nodes.Length)),
            _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown scheme."),
        };
        return hashes =>
        {
            var owners = new string[hashes.Length];
            for (var i = 0; i < hashes.Length; i++)
            {
                owners[i] = locator.NodeFor(hashes[i]);
            }

            return owners;
        };
    }

    /// <summary>The smallest of a few primes that is at least 100 slots per node, as the Maglev paper advises.</summary>
    public static int MaglevTableSizeFor(int nodes) => MaglevPrimes.FirstOrDefault(p => p >= nodes * 100L, MaglevPrimes[^1]);

    private static readonly int[] MaglevPrimes = [65537, 131071, 262139, 524287, 1048573, 2097143, 4194301];

    private static (double StdDevOverMean, double MaxOverMean) LoadSpread(string[] owners, string[] nodes)
    {
        var counts = nodes.ToDictionary(n => n, _ => 0L, StringComparer.Ordinal);
        foreach (var owner in owners)
        {
            counts[owner]++;
        }

        return Spread([.. counts.Values.Select(c => (double)c)]);
    }

    /// <summary>The simulations' node names: node-0, node-1, …</summary>
    public static string[] NodeNames(int count) =>
        [.. Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"node-{i}"))];

    /// <summary>How uneven some loads (keys per node, shares of a ring) are: standard deviation and maximum, each over the mean.</summary>
    public static (double StdDevOverMean, double MaxOverMean) Spread(IReadOnlyCollection<double> loads)
    {
        ArgumentNullException.ThrowIfNull(loads);
        var mean = loads.Average();
        var variance = loads.Sum(l => (l - mean) * (l - mean)) / loads.Count;
        return (Math.Sqrt(variance) / mean, loads.Max() / mean);
    }

    private static double Moved(string[] before, string[] after)
    {
        var moved = 0;
        for (var i = 0; i < before.Length; i++)
        {
            if (before[i] != after[i])
            {
                moved++;
            }
        }

        return moved / (double)before.Length;
    }
}
