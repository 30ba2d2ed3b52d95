using System.Globalization;
using Blueprint.BuildingBlocks.Hashing;

namespace Blueprint.BuildingBlocks.Tests.Hashing;

public sealed class ConsistentHashRingTests
{
    private static readonly string[] TenNodes = [.. Enumerable.Range(0, 10).Select(i => $"node-{i}")];

    private static IEnumerable<string> Keys(int count) => Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"key-{i}"));

    [Fact]
    public void KeyHash_IsXxHash64SeedZeroOverUtf8_AsTheDocsSay()
    {
        // XXH64's published test vectors, so another language can check it places keys the same way.
        Assert.Equal(0xEF46DB3751D8E999UL, KeyHash.Of(""));
        Assert.Equal(0x44BC2CF5AD770999UL, KeyHash.Of("abc"));
        Assert.Equal(KeyHash.Of("é"u8), KeyHash.Of("é"));
    }

    [Fact]
    public void NodeFor_AKeyOnATokenOrJustBelowIt_BelongsToThatTokensNode()
    {
        var ring = new ConsistentHashRing(TenNodes, virtualNodes: 3);
        var tokens = ring.Tokens.Select(t => t.Token).ToHashSet();
        foreach (var (token, node) in ring.Tokens)
        {
            Assert.Equal(node, ring.NodeFor(token));
            if (!tokens.Contains(token - 1))
            {
                Assert.Equal(node, ring.NodeFor(token - 1));
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(10, 200)]
    [InlineData(300, 100)]
    public void NodeFor_AgreesWithAPlainScanForTheFirstTokenAtOrAfterTheKey(int nodes, int virtualNodes)
    {
        var ring = new ConsistentHashRing(Enumerable.Range(0, nodes).Select(i => $"n{i}"), virtualNodes);
        var tokens = ring.Tokens.ToList();
        var random = new Random(nodes);
        for (var i = 0; i < 2000; i++)
        {
            var hash = (ulong)random.NextInt64() * 2 + (ulong)random.Next(2);
            var expected = tokens.FirstOrDefault(t => t.Token >= hash, tokens[0]).Node;
            Assert.Equal(expected, ring.NodeFor(hash));
        }
    }

    [Fact]
    public void NodeFor_PastTheLastToken_WrapsToTheFirst()
    {
        var ring = new ConsistentHashRing(TenNodes, virtualNodes: 3);
        var tokens = ring.Tokens.ToList();
        Assert.Equal(tokens[0].Node, ring.NodeFor(tokens[^1].Token + 1));
        Assert.Equal(tokens[0].Node, ring.NodeFor(ulong.MaxValue));
        Assert.Equal(tokens[0].Node, ring.NodeFor(0UL));
    }

    [Fact]
    public void Tokens_AreTheHashesOfNodeHashIndex()
    {
        var ring = new ConsistentHashRing(["a", "b"], virtualNodes: 2);
        var expected = new[] { ("a", 0), ("a", 1), ("b", 0), ("b", 1) }
            .Select(t => (KeyHash.Of($"{t.Item1}#{t.Item2}"), t.Item1))
            .OrderBy(t => t.Item1);
        Assert.Equal(expected, ring.Tokens);
    }

    [Fact]
    public void Ownership_At200VirtualNodes_IsNearEvenAndSumsToOne()
    {
        var ring = new ConsistentHashRing(TenNodes, virtualNodes: 200);
        var shares = ring.Ownership();

        Assert.Equal(1.0, shares.Values.Sum(), precision: 9);
        Assert.All(shares.Values, share => Assert.InRange(share, 0.08, 0.12));
    }

    [Fact]
    public void Ownership_WithOneVirtualNode_IsFarFromEven()
    {
        // The seed's reason for virtual nodes: with one token each, partitions are very uneven.
        var shares = new ConsistentHashRing(TenNodes, virtualNodes: 1).Ownership();
        Assert.True(shares.Values.Max() / shares.Values.Min() > 3);
    }

    [Fact]
    public void Weights_ANodeOfWeightTwo_OwnsAboutTwiceAsMuch()
    {
        var ring = new ConsistentHashRing([new WeightedNode("small"), new WeightedNode("big", 2), new WeightedNode("other")], virtualNodes: 500);
        var shares = ring.Ownership();

        Assert.InRange(shares["big"] / shares["small"], 1.7, 2.3);
        Assert.InRange(shares["big"], 0.45, 0.55);
    }

    [Fact]
    public void WithNode_MovesOnlyKeysThatNowBelongToTheNewNode()
    {
        var before = new ConsistentHashRing(TenNodes, virtualNodes: 200);
        var after = before.WithNode(new WeightedNode("node-10"));
        var moved = 0;
        foreach (var key in Keys(100_000))
        {
            var was = before.NodeFor(key);
            var now = after.NodeFor(key);
            if (was != now)
            {
                Assert.Equal("node-10", now);
                moved++;
            }
        }

        // Ideal is 1/11 of the keys; the new node's share of the ring varies by a few percent around it.
        Assert.InRange(moved / 100_000.0, 1.0 / 11 * 0.75, 1.0 / 11 * 1.25);
    }

    [Fact]
    public void WithoutNode_MovesOnlyTheLeavingNodesKeys_ToTheirNextNodeClockwise()
    {
        var before = new ConsistentHashRing(TenNodes, virtualNodes: 200);
        var after = before.WithoutNode("node-3");
        foreach (var key in Keys(50_000))
        {
            var was = before.NodeFor(key);
            var now = after.NodeFor(key);
            if (was == "node-3")
            {
                Assert.Equal(before.NodesFor(key, 2)[1], now);
            }
            else
            {
                Assert.Equal(was, now);
            }
        }
    }

    [Fact]
    public void NodesFor_GivesDistinctPhysicalNodesStartingWithTheOwner()
    {
        var ring = new ConsistentHashRing(TenNodes, virtualNodes: 200);
        foreach (var key in Keys(1000))
        {
            var replicas = ring.NodesFor(key, 3);
            Assert.Equal(3, replicas.Count);
            Assert.Equal(3, replicas.Distinct().Count());
            Assert.Equal(ring.NodeFor(key), replicas[0]);
        }

        Assert.Equal(10, ring.NodesFor("k", 50).Count);
    }

    [Fact]
    public void Constructor_BuildsTheSameRingWhateverTheOrderOfNodes()
    {
        var forward = new ConsistentHashRing(TenNodes, 50);
        var backward = new ConsistentHashRing(TenNodes.Reverse(), 50);
        Assert.All(Keys(1000), key => Assert.Equal(forward.NodeFor(key), backward.NodeFor(key)));
    }

    [Fact]
    public void BadInput_IsRefusedWithTheParameterNamed()
    {
        Assert.Equal("nodes", Assert.ThrowsAny<ArgumentException>(() => new ConsistentHashRing(Array.Empty<string>())).ParamName);
        Assert.Equal("nodes", Assert.ThrowsAny<ArgumentException>(() => new ConsistentHashRing(["a", "a"])).ParamName);
        Assert.Equal("nodes", Assert.ThrowsAny<ArgumentException>(() => new ConsistentHashRing([new WeightedNode("a", 0)])).ParamName);
        Assert.Equal("virtualNodes", Assert.ThrowsAny<ArgumentException>(() => new ConsistentHashRing(["a"], 0)).ParamName);
        Assert.Equal("name", Assert.ThrowsAny<ArgumentException>(() => new ConsistentHashRing(["a"]).WithoutNode("b")).ParamName);
        Assert.Equal("count", Assert.ThrowsAny<ArgumentException>(() => new ConsistentHashRing(["a"]).NodesFor("k", 0)).ParamName);
    }
}
