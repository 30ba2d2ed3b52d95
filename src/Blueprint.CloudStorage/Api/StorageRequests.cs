using System.Text.Json.Serialization;
using Blueprint.BuildingBlocks.Sync;
using Blueprint.CloudStorage.Files;
using Blueprint.CloudStorage.History;
using Blueprint.CloudStorage.Namespaces;

namespace Blueprint.CloudStorage.Api;

public sealed record CreateNamespaceRequest(string? Name);

public sealed record NamespaceResponse(string Id, string Kind, string Name, string Access, string OwnerId, long QuotaBytes, long UsedBytes, long Cursor)
{
    internal static NamespaceResponse From(StorageNamespace ns) =>
        new(ns.Id, ns.Kind, ns.Name, AccessNames.Name(ns.Access), ns.OwnerId, ns.QuotaBytes, ns.UsedBytes, ns.ChangeSeq);
}

public sealed record CompareBlocksRequest(IReadOnlyList<string>? Hashes);

public sealed record CompareBlocksResponse(IReadOnlyList<string> Missing);

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
    internal bool IsRun => Hash is null && Length is null && From is not null && Count is not null;

    internal BlockListEntry ToEntry() => IsRun ? BlockListEntry.Run(From!.Value, Count!.Value) : BlockListEntry.New(new BlockRef(Hash!, Length!.Value));

    internal static BlockEntryDto Of(BlockListEntry entry) =>
        entry.Block is { } block ? new BlockEntryDto(block.Hash, block.Length) : new BlockEntryDto(null, null, entry.From, entry.Count);
}

public sealed record CommitRequest(string? Path, string? ParentVersion, IReadOnlyList<BlockEntryDto>? Blocks, string? OnConflict);

public sealed record BatchUploadResponse(int Stored, int AlreadyStored);

/// <summary>The blocks stored and found, and the SHA-256 the server named each block sent by, in the order sent.</summary>
public sealed record UnnamedBatchResponse(int Stored, int AlreadyStored, IReadOnlyList<string> Hashes);

/// <summary>A move or rename; with <c>ToNamespace</c> (an id, or "root"), into another namespace the caller may write to.</summary>
public sealed record MoveRequest(string? From, string? To, string? ParentVersion, string? ToNamespace = null);

public sealed record RestoreRequest(string? Path, string? Version);

public sealed record UpdateRequest(string? Path, IReadOnlyList<string>? Have, string? Base);

/// <summary>A file, or with <c>Folder</c> a folder in its own right (no content, an empty content hash).</summary>
public sealed record FileResponse(string Id, string Path, string Version, long Number, long Size, string ContentHash, bool Deleted, DateTimeOffset ModifiedAt, long Cursor, bool Folder)
{
    internal static FileResponse From(FileEntry file) =>
        new(file.Id, file.Path, file.VersionId, file.Number, file.Size, file.ContentHash, file.Deleted, file.ModifiedAt, file.ChangeSeq, file.Folder);
}

public sealed record CreateFolderRequest(string? Path);

/// <summary>What a write did: "committed", "unchanged" (a retried commit) or "conflicted-copy" (kept beside the winner).</summary>
public sealed record WriteResponse(string Outcome, FileResponse File, IReadOnlyList<FileResponse> Files);

public sealed record VersionResponse(string Id, long Number, string Kind, string Path, long Size, string ContentHash, string AuthorId, string Device, DateTimeOffset CreatedAt)
{
    internal static VersionResponse From(FileVersion v) => new(v.Id, v.Number, v.Kind, v.Path, v.Size, v.ContentHash, v.AuthorId, v.Device, v.CreatedAt);
}

/// <summary>A version's blocks — against <c>Base</c> when one was given — and which blocks the client lacks.</summary>
public sealed record BlockListResponse(FileResponse File, string Version, string? Base, IReadOnlyList<BlockEntryDto> Blocks, IReadOnlyList<string> Missing);

public sealed record FolderResponse(string Path, IReadOnlyList<string> Folders, IReadOnlyList<FileResponse> Files);

public sealed record ChangesResponse(IReadOnlyList<FileResponse> Entries, long Cursor, bool HasMore, bool Reset);

public sealed record LongPollResponse(bool Changes, long Cursor);

public sealed record HistoryEntryResponse(long Seq, DateTimeOffset At, string UserId, string Action, string Path, string FileId, string VersionId, string Client, string PrevHash, string EntryHash)
{
    internal static HistoryEntryResponse From(HistoryEntry e) => new(e.Seq, e.At, e.UserId, e.Action, e.Path, e.FileId, e.VersionId, e.Client, e.PrevHash, e.EntryHash);
}

public sealed record HistoryPage(IReadOnlyList<HistoryEntryResponse> Entries, long? Before);

public sealed record VerifyResponse(bool Valid, long Entries, string Head, long? FirstBadSeq, string? Problem);
