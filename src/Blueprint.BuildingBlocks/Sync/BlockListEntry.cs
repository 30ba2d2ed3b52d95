namespace Blueprint.BuildingBlocks.Sync;

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
