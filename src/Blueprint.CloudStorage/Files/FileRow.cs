namespace Blueprint.CloudStorage.Files;

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
