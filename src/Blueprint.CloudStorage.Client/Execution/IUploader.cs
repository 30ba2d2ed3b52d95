using Blueprint.CloudStorage.Client.Planning;

namespace Blueprint.CloudStorage.Client.Execution;

/// <summary>Sends a local file or folder to the server and commits it.</summary>
internal interface IUploader
{
    /// <summary>Null when done; otherwise why not, for this pass.</summary>
    Task<string?> UploadAsync(Upload upload, CancellationToken cancellationToken);
}
