using System.Globalization;
using Blueprint.BuildingBlocks.Hashing;

namespace Blueprint.BuildingBlocks.Tests.Hashing;

public sealed class OtherSchemesTests
{
    private static string[] Nodes(int count) => [.. Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"node-{i}"))];

    private static ulong[] KeyHashes(int count) => [.. Enumerable.Range(0, count).Select(i => KeyHash.Of(string.Create(CultureInfo.InvariantCulture, $"key-{i}")))];

    private static Dictionary<string, int> Loads(INodeLocator locator, ulong[] keys) =>
        keys.GroupBy(locator.NodeFor).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public void Jump_GrowingByOneBucket_MovesKeysOnlyToTheNewBucket()
    {
        foreach (var key in KeyHashes(20_000))
        {
            for (var buckets = 1; buckets < 40; buckets++)
            {
                var before = JumpHashLocator.Bucket(key, buckets);
                var after = JumpHashLocator.Bucket(key, buckets + 1);
                Assert.InRange(before, 0, buckets - 1);
                Assert.True(after == before || after == buckets, $"Key {key} jumped from {before} to {after} when bucket {buckets} was added.");
            }
        }
    }

    [Fact]
    public void Jump_SpreadsKeysEvenly()
    {
        var loads = Loads(new JumpHashLocator(Nodes(10)), KeyHashes(100_000));
        Assert.All(loads.Values, load => Assert.InRange(load, 9_500, 10_500));
    }

    [Fact]
    public void Modulo_AddingANode_MovesAlmostEveryKey()
    {
        var keys = KeyHashes(50_000);
        var before = new ModuloLocator(Nodes(10));
        var after = new ModuloLocator(Nodes(11));
        var moved = keys.Count(k => before.NodeFor(k) != after.NodeFor(k)) / (double)keys.Length;
        Assert.InRange(moved, 0.88, 0.94);
    }

    [Fact]
    public void Rendezvous_RemovingANode_MovesOnlyItsKeys()
    {
        var before = new RendezvousLocator(Nodes(10));
        var after = new RendezvousLocator(Nodes(10).Where(n => n != "node-4"));
        foreach (var key in KeyHashes(20_000))
        {
            if (before.NodeFor(key) != "node-4")
            {
                Assert.Equal(before.NodeFor(key), after.NodeFor(key));
            }
        }
    }

    [Fact]
    public void Rendezvous_Weights_GiveProportionalShares()
    {
        var locator = new RendezvousLocator([new WeightedNode("a"), new WeightedNode("b", 3)]);
        var loads = Loads(locator, KeyHashes(100_000));
        Assert.InRange(loads["b"] / (double)loads["a"], 2.8, 3.2);
    }

    [Fact]
    public void Maglev_IsNearEvenAndMovesFewKeysWhenANodeJoins()
    {
        var keys = KeyHashes(100_000);
        var before = new MaglevLocator(Nodes(10));
        var after = new MaglevLocator(Nodes(11));
        var loads = Loads(before, keys);
        Assert.All(loads.Values, load => Assert.InRange(load, 9_500, 10_500));

        var moved = keys.Count(k => before.NodeFor(k) != after.NodeFor(k)) / (double)keys.Length;
        Assert.InRange(moved, 1.0 / 11 * 0.9, 1.0 / 11 * 1.6);
    }

    [Theory]
    [InlineData(65536)]
    [InlineData(7)]
    public void Maglev_TableSizeNotAPrimeOrTooSmall_IsRefused(int size) =>
        Assert.Equal("tableSize", Assert.ThrowsAny<ArgumentException>(() => new MaglevLocator(Nodes(10), size)).ParamName);

    [Fact]
    public void BoundedLoads_NoNodeExceedsOnePlusEpsilonTimesTheAverage()
    {
        var placer = new BoundedLoadPlacer(new ConsistentHashRing(Nodes(10), virtualNodes: 10), epsilon: 0.1);
        foreach (var key in KeyHashes(50_000))
        {
            placer.Place(key);
        }

        Assert.Equal(50_000, placer.Loads.Values.Sum());
        Assert.All(placer.Loads.Values, load => Assert.True(load <= 5_500, $"A node holds {load} keys; the bound is 5,500."));
    }

    [Fact]
    public void BoundedLoads_Release_FreesRoom()
    {
        var placer = new BoundedLoadPlacer(new ConsistentHashRing(["a", "b"]));
        var node = placer.Place(1);
        placer.Release(node);
        Assert.Equal(0, placer.Loads.Values.Sum());
        Assert.Throws<ArgumentException>(() => placer.Release(node));
    }

    [Fact]
    public void Simulation_ReportsEverySchemeAndTheirKnownShapes()
    {
        var results = HashingSimulation.Run(nodes: 10, virtualNodes: 200, keys: 100_000).ToDictionary(r => r.Scheme);

        Assert.Equal(HashingSimulation.Schemes, results.Keys);
        Assert.InRange(results["modulo"].MovedOnJoin, 0.85, 0.95);
        Assert.InRange(results["ring"].MovedOnJoin, results["ring"].IdealMovedOnJoin * 0.7, results["ring"].IdealMovedOnJoin * 1.3);
        Assert.InRange(results["jump"].MovedOnLeave, results["jump"].IdealMovedOnLeave * 0.9, results["jump"].IdealMovedOnLeave * 1.1);
        Assert.True(results["jump"].LoadStdDevOverMean < 0.02);
        Assert.True(results["ring"].LoadStdDevOverMean < 0.15);
        Assert.True(results["bounded-load"].MaxOverMean <= 1.25 + 1e-9);
        Assert.All(results.Values, r => Assert.True(r.LookupNanoseconds > 0));
    }

    [Fact]
    public void Simulation_UnknownScheme_IsRefusedWithTheList()
    {
        var error = Assert.Throws<ArgumentException>(() => HashingSimulation.Run(10, 10, 10, ["ring", "magic"]));
        Assert.Contains("magic", error.Message, StringComparison.Ordinal);
        Assert.Contains("maglev", error.Message, StringComparison.Ordinal);
    }
}
