using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.CloudStorage.Files;

/// <summary>A version's block as stored.</summary>
internal sealed class BlockRow
{
    public const string OfVersion = "SELECT hash AS Hash, length AS Length FROM version_blocks WHERE version_id = @Id ORDER BY position";

    public string Hash { get; init; } = "";

    public long Length { get; init; }

    public BlockRef ToRef() => new(Hash, checked((int)Length));
}
