namespace Blueprint.CloudStorage.Client;

/// <summary>A file (or a folder: no content, an empty content hash) as it was when last in sync: the merge base between the local and remote trees.</summary>
public sealed record SyncedFile(string Path, string FileId, string Version, string ContentHash, long Size, long ModifiedTicks, bool Folder = false)
{
    /// <summary>The base entry for a remote file now in sync with <paramref name="local"/>.</summary>
    internal static SyncedFile Of(RemoteFile file, LocalFile local) =>
        new(file.Path, file.Id, file.Version, file.ContentHash, local.Size, file.Folder ? 0 : local.TrustedStamp, file.Folder);
}
