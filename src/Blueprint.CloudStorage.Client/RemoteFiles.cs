using Blueprint.CloudStorage.Contracts;

namespace Blueprint.CloudStorage.Client;

/// <summary>A file of the storage API's answers as the sync engine knows it.</summary>
internal static class RemoteFiles
{
    public static RemoteFile ToRemote(this FileResponse file) => new(file.Id, file.Path, file.Version, file.Size, file.ContentHash, file.Deleted, file.Folder);
}
