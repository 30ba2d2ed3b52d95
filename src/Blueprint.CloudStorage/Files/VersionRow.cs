namespace Blueprint.CloudStorage.Files;

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
