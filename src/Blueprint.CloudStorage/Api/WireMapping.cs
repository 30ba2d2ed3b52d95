using Blueprint.CloudStorage.Contracts;
using Blueprint.CloudStorage.Files;
using Blueprint.CloudStorage.History;
using Blueprint.CloudStorage.Namespaces;

namespace Blueprint.CloudStorage.Api;

/// <summary>The storage's own records as the API's responses (Blueprint.CloudStorage.Contracts) show them.</summary>
internal static class WireMapping
{
    public static NamespaceResponse ToResponse(this StorageNamespace ns) =>
        new(ns.Id, ns.Kind, ns.Name, AccessNames.Name(ns.Access), ns.OwnerId, ns.QuotaBytes, ns.UsedBytes, ns.ChangeSeq);

    public static FileResponse ToResponse(this FileEntry file) =>
        new(file.Id, file.Path, file.VersionId, file.Number, file.Size, file.ContentHash, file.Deleted, file.ModifiedAt, file.ChangeSeq, file.Folder);

    public static VersionResponse ToResponse(this FileVersion v) => new(v.Id, v.Number, v.Kind, v.Path, v.Size, v.ContentHash, v.AuthorId, v.Device, v.CreatedAt);

    public static HistoryEntryResponse ToResponse(this HistoryEntry e) =>
        new(e.Seq, e.At, e.UserId, e.Action, e.Path, e.FileId, e.VersionId, e.Client, e.PrevHash, e.EntryHash);
}
