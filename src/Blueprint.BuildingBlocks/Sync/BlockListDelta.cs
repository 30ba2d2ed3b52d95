namespace Blueprint.BuildingBlocks.Sync;

/// <summary>
/// Block lists sent as changes: a 1-byte edit of a 100 MB file changes one or two of its thousands
/// of blocks, so the list is sent as runs of the version both sides know plus the new blocks —
/// a few hundred bytes instead of the whole list.
/// </summary>
public static class BlockListDelta
{
    /// <summary><paramref name="target"/> written against <paramref name="baseList"/>: runs of shared blocks, and the blocks that are new.</summary>
    public static IReadOnlyList<BlockListEntry> Encode(IReadOnlyList<BlockRef> baseList, IReadOnlyList<BlockRef> target)
    {
        ArgumentNullException.ThrowIfNull(baseList);
        ArgumentNullException.ThrowIfNull(target);
        var positions = new Dictionary<BlockRef, List<int>>();
        for (var p = 0; p < baseList.Count; p++)
        {
            if (!positions.TryGetValue(baseList[p], out var list))
            {
                positions[baseList[p]] = list = [];
            }

            list.Add(p);
        }

        var entries = new List<BlockListEntry>();
        int runFrom = -1, runCount = 0;
        for (var i = 0; i < target.Count; i++)
        {
            var block = target[i];
            if (runCount > 0 && runFrom + runCount < baseList.Count && baseList[runFrom + runCount] == block)
            {
                runCount++;
                continue;
            }

            if (runCount > 0)
            {
                entries.Add(BlockListEntry.Run(runFrom, runCount));
                runCount = 0;
            }

            if (positions.TryGetValue(block, out var at))
            {
                // Prefer the position whose next block is also the target's next, so the run goes on.
                runFrom = at.FirstOrDefault(p => i + 1 < target.Count && p + 1 < baseList.Count && baseList[p + 1] == target[i + 1], at[0]);
                runCount = 1;
            }
            else
            {
                entries.Add(BlockListEntry.New(block));
            }
        }

        if (runCount > 0)
        {
            entries.Add(BlockListEntry.Run(runFrom, runCount));
        }

        return entries;
    }

    /// <summary>The list <paramref name="entries"/> describe against <paramref name="baseList"/>.</summary>
    /// <exception cref="ArgumentException">A run reaches outside the base list, or an entry is neither a block nor a run.</exception>
    public static IReadOnlyList<BlockRef> Decode(IReadOnlyList<BlockRef> baseList, IEnumerable<BlockListEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(baseList);
        ArgumentNullException.ThrowIfNull(entries);
        var blocks = new List<BlockRef>();
        foreach (var entry in entries)
        {
            if (entry.Block is { } block)
            {
                blocks.Add(block);
            }
            else if (entry.Count > 0 && entry.From >= 0 && (long)entry.From + entry.Count <= baseList.Count)
            {
                for (var p = entry.From; p < entry.From + entry.Count; p++)
                {
                    blocks.Add(baseList[p]);
                }
            }
            else
            {
                throw new ArgumentException($"The run of {entry.Count} blocks from position {entry.From} is not inside the base list of {baseList.Count} blocks.", nameof(entries));
            }
        }

        return blocks;
    }
}
