using Blueprint.CloudStorage.Blocks;

namespace Blueprint.CloudStorage.Tests;

/// <summary>When an upload's waiting block rows go in: at once for the first pack, then after as many bytes as went before, up to a cap.</summary>
public sealed class PendingBlockRowsTests
{
    private static WrittenPack Pack(string name, params long[] lengths) =>
        new(name, lengths.Sum(), [.. lengths.Select((_, i) => $"{name}-{i}")], lengths, lengths, new long[lengths.Length]);

    [Fact]
    public void Due_FirstPackAtOnce_ThenAsManyBytesAsWentBefore_UpToTheCap()
    {
        var pending = new PendingBlockRows(mostBytes: 100);
        Assert.False(pending.Due);

        var flushedAfter = new List<int>();
        for (var pack = 0; pack < 12; pack++)
        {
            pending.Add(Pack($"p{pack}", 10, 10));
            if (pending.Due)
            {
                flushedAfter.Add(pending.TakeAll().Count);
            }
        }

        // 20 bytes a pack: 1 pack, then 1 (20 ≥ 20), 2 (40), 4 (80), then 5 a time (100, the cap).
        Assert.Equal([1, 1, 2, 4], flushedAfter);
        Assert.False(pending.Due); // 4 packs waiting, 80 bytes < 100
        pending.Add(Pack("last", 20));
        Assert.True(pending.Due);
    }

    [Fact]
    public void Holds_TheWaitingBlocks_UntilTheyAreTaken()
    {
        var pending = new PendingBlockRows(mostBytes: 1000);
        pending.Add(Pack("a", 5, 7));
        pending.Add(Pack("b", 3));

        Assert.True(pending.Holds("a-1"));
        Assert.True(pending.Holds("b-0"));
        Assert.False(pending.Holds("c-0"));
        var taken = pending.TakeAll();
        Assert.Equal(["a", "b"], taken.Select(p => p.Key));
        Assert.False(pending.Holds("a-1"));
        Assert.Empty(pending.TakeAll());
    }
}
