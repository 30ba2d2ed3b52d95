namespace Blueprint.CloudStorage.Client;

/// <summary>A file in the synced folder: its path ('/'-separated, relative to the folder), size and modification stamp.</summary>
public sealed record LocalFile(string Path, long Size, long ModifiedTicks);

/// <summary>
/// The synced folder as the engine sees it. The disk in real use; a simulated folder, which can
/// crash between any two operations, in the deterministic simulation.
/// </summary>
public interface ISyncFileSystem
{
    /// <summary>Every file under the folder, except the engine's own state.</summary>
    IReadOnlyList<LocalFile> List();

    /// <summary>The file at <paramref name="path"/>, or null when there is none.</summary>
    LocalFile? Info(string path);

    /// <summary>Opens a file for reading.</summary>
    Stream OpenRead(string path);

    /// <summary>
    /// Writes a file atomically: <paramref name="write"/> fills a temporary file, which replaces
    /// <paramref name="path"/> (creating its folders) only once complete. Returns the file as written.
    /// </summary>
    Task<LocalFile> WriteAtomicallyAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken);

    /// <summary>Renames a file (atomically), creating the target's folders. Fails if the target exists, unless it is the same file in another case.</summary>
    LocalFile Move(string from, string to);

    /// <summary>Removes a file, and folders it leaves empty.</summary>
    void Delete(string path);

    /// <summary>The engine's own state file, or null.</summary>
    byte[]? ReadState(string name);

    /// <summary>Replaces the engine's own state file atomically.</summary>
    void WriteState(string name, byte[] content);

    /// <summary>Removes what an interrupted run left behind (temporary files).</summary>
    void CleanUp();
}
