using Blueprint.BuildingBlocks.Sync;
namespace Blueprint.CloudStorage.Client;

/// <summary>
/// A folder on disk. The engine's state lives in <c>.blueprint-sync</c> inside it; files are
/// replaced by renaming a finished temporary file over them, so a reader — or a crash — never
/// sees half a file. Symbolic links are not followed, so nothing outside the folder is read or written.
/// </summary>
public sealed class DiskFileSystem : ISyncFileSystem
{
    /// <summary>The engine's own folder, never synced.</summary>
    public const string StateFolder = SyncPath.ClientStateFolder;

    private readonly string _root;
    private readonly string _state;
    private readonly string _temporary;
    private readonly string _clock;
    private long _lastClockTicks;

    public DiskFileSystem(string root)
    {
        _root = Path.GetFullPath(root);
        _state = Path.Combine(_root, StateFolder);
        _temporary = Path.Combine(_state, "tmp");
        _clock = Path.Combine(_state, "clock");
        Directory.CreateDirectory(_temporary);
    }

    public string Root => _root;

    public long? AvailableBytes()
    {
        try
        {
            return new DriveInfo(_root).AvailableFreeSpace;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    public IReadOnlyList<LocalFile> List()
    {
        var before = ReadClock();
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        return [.. new DirectoryInfo(_root).EnumerateFileSystemInfos("*", options)
            .Where(f => f.FullName != _state && !f.FullName.StartsWith(_state + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(f => f is FileInfo file ? FileOf(Relative(f.FullName), file, before) : new LocalFile(Relative(f.FullName), 0, 0, Folder: true))];
    }

    public LocalFile? Info(string path)
    {
        var full = Full(path);
        if (Look(full) is not { } file)
        {
            return null;
        }

        // The clock read last is older than this look, so a stamp below it is settled; a recent
        // file needs the clock read again, and the file looked at again after it.
        var clock = Volatile.Read(ref _lastClockTicks);
        if (file.LastWriteTimeUtc.Ticks < clock)
        {
            return FileOf(path, file, clock);
        }

        var before = ReadClock();
        return Look(full) is { } again ? FileOf(path, again, before) : null;
    }

    public Stream OpenRead(string path) =>
        new FileStream(Full(path), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);

    public async Task<LocalFile> WriteAtomicallyAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var target = Full(path);
        var temporary = Path.Combine(_temporary, Guid.NewGuid().ToString("N"));
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await write(stream);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            // Nobody else writes the temporary file, so its stamp is settled if the clock has moved
            // past it before the file is put where others can write it.
            var written = new FileInfo(temporary);
            var (size, stamp) = (written.Length, written.LastWriteTimeUtc.Ticks);
            var before = ReadClock();
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(temporary, target, overwrite: true);
            return new LocalFile(path, size, stamp, Settled: stamp < before);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public LocalFile Move(string from, string to)
    {
        var (source, target) = (Full(from), Full(to));
        if (string.Equals(source, target, StringComparison.OrdinalIgnoreCase))
        {
            // A case-only rename: through a temporary name, which works on case-insensitive disks too.
            var step = Path.Combine(_temporary, Guid.NewGuid().ToString("N"));
            File.Move(source, step);
            File.Move(step, target);
        }
        else
        {
            if (File.Exists(target))
            {
                throw new IOException($"'{to}' exists already.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(source, target);
            RemoveEmptyFolders(Path.GetDirectoryName(source)!);
        }

        return Info(to) ?? throw new IOException($"'{to}' vanished right after it was moved.");
    }

    public void Delete(string path) => File.Delete(Full(path));

    public void CreateFolder(string path) => Directory.CreateDirectory(Full(path));

    public bool DeleteFolder(string path)
    {
        var full = Full(path);
        if (!Directory.Exists(full))
        {
            return true;
        }

        if (Directory.EnumerateFileSystemEntries(full).Any())
        {
            return false;
        }

        Directory.Delete(full);
        return true;
    }

    public void RenameFolder(string from, string to)
    {
        var (source, target) = (Full(from), Full(to));
        if (!string.Equals(source, target, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{from}' → '{to}' is not a rename in case only.", nameof(to));
        }

        // Through a temporary name, which works on case-insensitive disks too.
        var step = Path.Combine(_temporary, Guid.NewGuid().ToString("N"));
        Directory.Move(source, step);
        Directory.Move(step, target);
    }

    public byte[]? ReadState(string name)
    {
        var file = StatePath(name);
        return File.Exists(file) ? File.ReadAllBytes(file) : null;
    }

    public void WriteState(string name, byte[] content)
    {
        var file = StatePath(name);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = Path.Combine(_temporary, Guid.NewGuid().ToString("N"));
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, file, overwrite: true);
    }

    public void CleanUp()
    {
        foreach (var leftover in Directory.EnumerateFiles(_temporary))
        {
            File.Delete(leftover);
        }
    }

    // A regular file (a symbolic link is not followed), or null.
    private static FileInfo? Look(string full)
    {
        var file = new FileInfo(full);
        return file.Exists && (file.Attributes & FileAttributes.ReparsePoint) == 0 ? file : null;
    }

    private static LocalFile FileOf(string path, FileInfo file, long clockBefore) =>
        new(path, file.Length, file.LastWriteTimeUtc.Ticks, Settled: file.LastWriteTimeUtc.Ticks < clockBefore);

    // The file system's own clock, as the stamp a write gets now (a probe file in the state folder
    // is written and its stamp read). On a network file system that is the server's clock, so the
    // machine's clock being off does not matter.
    private long ReadClock()
    {
        File.WriteAllBytes(_clock, [1]);
        var ticks = File.GetLastWriteTimeUtc(_clock).Ticks;
        // Any reading will do for later looks, even one a racing reader took a moment earlier.
        Volatile.Write(ref _lastClockTicks, ticks);
        return ticks;
    }

    private string StatePath(string name) =>
        name.Split('/').All(s => s.Length > 0 && s != "." && s != "..") ? Path.Combine(_state, Path.Combine(name.Split('/'))) : throw new ArgumentException($"'{name}' is not a state name.", nameof(name));

    public string? CannotHold(string path)
    {
        try
        {
            Full(path);
            return null;
        }
        catch (ArgumentException outside)
        {
            return outside.Message;
        }
    }

    // Paths come from the server already checked (no '..', no absolute paths); this is the second lock.
    private string Full(string path)
    {
        var full = Path.GetFullPath(Path.Combine(_root, Path.Combine(path.Split('/'))));
        return full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !full.StartsWith(_state + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new ArgumentException($"'{path}' is outside the synced folder.", nameof(path));
    }

    private string Relative(string full) => Path.GetRelativePath(_root, full).Replace(Path.DirectorySeparatorChar, '/');

    private void RemoveEmptyFolders(string folder)
    {
        while (folder.Length > _root.Length && folder.StartsWith(_root, StringComparison.Ordinal) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
            folder = Path.GetDirectoryName(folder)!;
        }
    }
}
