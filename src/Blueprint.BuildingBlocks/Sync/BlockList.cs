using System.Security.Cryptography;

namespace Blueprint.BuildingBlocks.Sync;

/// <summary>One block of a file, in order: its SHA-256 (lowercase hex) and length.</summary>
public readonly record struct BlockRef(string Hash, int Length);

/// <summary>
/// An entry of a block list written as a change to another ("base") list: either one block, or a
/// run of <see cref="Count"/> consecutive blocks of the base list from position <see cref="From"/>.
/// </summary>
public readonly record struct BlockListEntry(BlockRef? Block, int From, int Count)
{
    /// <summary>A block of the new list.</summary>
    public static BlockListEntry New(BlockRef block) => new(block, 0, 0);

    /// <summary>Blocks the new list shares with the base list.</summary>
    public static BlockListEntry Run(int from, int count) => new(null, from, count);
}

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

/// <summary>
/// A file's content hash: SHA-256 over its blocks' SHA-256s in order (as Dropbox's content_hash).
/// Every client cuts a given file the same way, so equal content has an equal hash everywhere;
/// that is how a retried commit, or two devices making the same edit, are recognized.
/// </summary>
public static class ContentHash
{
    /// <summary>The content hash of a file made of <paramref name="blocks"/>.</summary>
    public static string Of(IEnumerable<BlockRef> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> raw = stackalloc byte[32];
        foreach (var block in blocks)
        {
            Convert.FromHexString(block.Hash, raw, out _, out _);
            hash.AppendData(raw);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
