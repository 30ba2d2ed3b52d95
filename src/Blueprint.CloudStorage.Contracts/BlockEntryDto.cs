using System.Text.Json.Serialization;
using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.CloudStorage.Contracts;

/// <summary>
/// A block of a list — {hash, length} — or, in a list written against a base version, a run of
/// that version's blocks — {from, count} — so an edit of a large file sends a few entries, not thousands.
/// </summary>
public sealed record BlockEntryDto(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Hash = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Length = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? From = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Count = null)
{
    /// <summary>True for a run {from, count} of the base version's blocks.</summary>
    [JsonIgnore]
    public bool IsRun => Hash is null && Length is null && From is not null && Count is not null;

    /// <summary>The entry of a block list it stands for.</summary>
    /// <exception cref="FormatException">It is neither {hash, length} nor {from, count}.</exception>
    public BlockListEntry ToEntry() =>
        IsRun ? BlockListEntry.Run(From!.Value, Count!.Value)
        : Hash is { } hash && Length is { } length && From is null && Count is null ? BlockListEntry.New(new BlockRef(hash, length))
        : throw new FormatException("A block entry is {hash, length} or {from, count}.");

    /// <summary>The wire form of a block list's entry.</summary>
    public static BlockEntryDto Of(BlockListEntry entry) =>
        entry.Block is { } block ? new BlockEntryDto(block.Hash, block.Length) : new BlockEntryDto(null, null, entry.From, entry.Count);
}
