using Blueprint.CloudStorage.Client.Planning;

namespace Blueprint.CloudStorage.Client.Execution;

/// <summary>Brings a remote file or folder into the local folder.</summary>
internal interface IDownloader
{
    /// <summary>Null when done; otherwise why not, for this pass.</summary>
    Task<string?> DownloadAsync(Download download, CancellationToken cancellationToken);
}
