using Blueprint.BuildingBlocks.Sync;

namespace Blueprint.CloudStorage.Files;

/// <summary>
/// A file — or a folder in its own right — as the namespace holds it now: its path, head version, and
/// whether it is in the trash. A folder has no blocks and an empty content hash.
/// </summary>
internal sealed record FileEntry(string Id, string Path, string VersionId, long Number, long Size, string ContentHash, bool Deleted, DateTimeOffset ModifiedAt, long ChangeSeq, bool Folder = false);

/// <summary>One version of a file: an edit, a move, a delete (no blocks), a restore or an undelete.</summary>
internal sealed record FileVersion(string Id, string FileId, long Number, string Kind, string Path, long Size, string ContentHash, string AuthorId, string Device, DateTimeOffset CreatedAt);

/// <summary>The kinds of version, as stored.</summary>
internal static class VersionKinds
{
    public const string Edit = "edit";
    public const string Move = "move";
    public const string Delete = "delete";
    public const string Restore = "restore";
    public const string Undelete = "undelete";

    /// <summary>A folder made in its own right (it may stay empty).</summary>
    public const string Folder = "folder";
}

/// <summary>A file row as stored.</summary>
internal sealed class FileRow
{
    public string Id { get; init; } = "";

    public string Path { get; init; } = "";

    public string HeadVersion { get; init; } = "";

    public long HeadNumber { get; init; }

    public long Size { get; init; }

    public string ContentHash { get; init; } = "";

    public long Deleted { get; init; }

    public long ModifiedAtMs { get; init; }

    public long ChangeSeq { get; init; }

    public long Folder { get; init; }

    public bool IsFolder => Folder != 0;

    public const string Columns = """
        id AS Id, path AS Path, head_version AS HeadVersion, head_number AS HeadNumber, size AS Size, content_hash AS ContentHash,
        deleted AS Deleted, modified_at_ms AS ModifiedAtMs, change_seq AS ChangeSeq, folder AS Folder
        """;

    public FileEntry ToEntry() =>
        new(Id, Path, HeadVersion, HeadNumber, Size, ContentHash, Deleted != 0, DateTimeOffset.FromUnixTimeMilliseconds(ModifiedAtMs), ChangeSeq, IsFolder);
}

/// <summary>A version row as stored.</summary>
internal sealed class VersionRow
{
    public string Id { get; init; } = "";

    public string FileId { get; init; } = "";

    public long Number { get; init; }

    public string Kind { get; init; } = "";

    public string Path { get; init; } = "";

    public long Size { get; init; }

    public string ContentHash { get; init; } = "";

    public string AuthorId { get; init; } = "";

    public string Device { get; init; } = "";

    public long CreatedAtMs { get; init; }

    public const string Columns = """
        id AS Id, file_id AS FileId, number AS Number, kind AS Kind, path AS Path, size AS Size, content_hash AS ContentHash,
        author_id AS AuthorId, device AS Device, created_at_ms AS CreatedAtMs
        """;

    public FileVersion ToVersion() =>
        new(Id, FileId, Number, Kind, Path, Size, ContentHash, AuthorId, Device, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs));
}

/// <summary>A version's block as stored.</summary>
internal sealed class BlockRow
{
    public const string OfVersion = "SELECT hash AS Hash, length AS Length FROM version_blocks WHERE version_id = @Id ORDER BY position";

    public string Hash { get; init; } = "";

    public long Length { get; init; }

    public BlockRef ToRef() => new(Hash, checked((int)Length));
}
