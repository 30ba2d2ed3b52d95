namespace Blueprint.CloudStorage.Client;

/// <summary>
/// The synced folder as the engine sees it. The disk in real use; a simulated folder, which can
/// crash between any two operations, in the deterministic simulation.
/// </summary>
public interface ISyncFileSystem
{
    /// <summary>Every file and folder under the folder, except the engine's own state.</summary>
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

    /// <summary>
    /// Renames a file (atomically), creating the target's folders and removing the source's folders it
    /// leaves empty (a rename into another case of a folder must not leave the old case behind). Fails
    /// if the target exists, unless it is the same file in another case.
    /// </summary>
    LocalFile Move(string from, string to);

    /// <summary>Removes a file (the folders it leaves empty stay: an empty folder is synced like a file).</summary>
    void Delete(string path);

    /// <summary>Makes a folder, and the folders above it.</summary>
    void CreateFolder(string path);

    /// <summary>Removes a folder if it is empty (true), or there is none; false, leaving it, when something is in it.</summary>
    bool DeleteFolder(string path);

    /// <summary>Renames a folder in case only, with what is in it.</summary>
    void RenameFolder(string from, string to);

    /// <summary>The engine's own state file, or null.</summary>
    byte[]? ReadState(string name);

    /// <summary>Replaces the engine's own state file atomically.</summary>
    void WriteState(string name, byte[] content);

    /// <summary>Removes what an interrupted run left behind (temporary files).</summary>
    void CleanUp();

    /// <summary>The bytes free where files are written, or null when that cannot be told.</summary>
    long? AvailableBytes() => null;

    /// <summary>Why this folder cannot hold a file at <paramref name="path"/> (it would land outside it, or in the engine's own state), or null when it can.</summary>
    string? CannotHold(string path) => null;
}
