using Blueprint.CloudStorage.Client;
using Microsoft.Extensions.Time.Testing;

namespace Blueprint.CloudStorage.Tests.Sync;

/// <summary>A thrown stand-in for kill -9: the client stops here, between two operations, and loses what it held in memory.</summary>
internal sealed class SimulatedCrash() : Exception("simulated crash");

/// <summary>
/// A folder in memory for the simulation: case-sensitive like Linux, stamps from the fake clock
/// (which moves on by a second per write), and a hook before every operation where the simulation
/// may crash the client. Like a disk, it keeps its files across a crash; writes are atomic; a write
/// makes the folders above the file, and a folder stays when what was in it goes.
/// </summary>
internal sealed class MemoryFileSystem(FakeTimeProvider clock) : ISyncFileSystem
{
    private readonly SortedDictionary<string, (byte[] Bytes, long Ticks)> _files = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _folders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _state = new(StringComparer.Ordinal);

    /// <summary>Called before every operation of the engine; may throw <see cref="SimulatedCrash"/>.</summary>
    public Action<string>? BeforeOperation { get; set; }

    public IReadOnlyDictionary<string, byte[]> Snapshot() => _files.ToDictionary(f => f.Key, f => f.Value.Bytes, StringComparer.Ordinal);

    public IEnumerable<string> Paths => _files.Keys;

    public IReadOnlyCollection<string> Folders => _folders;

    /// <summary>The user's own edit (no crash hook).</summary>
    public void UserWrite(string path, byte[] bytes)
    {
        MakeFolders(path);
        _files[path] = (bytes, Tick());
    }

    public void UserDelete(string path) => _files.Remove(path);

    /// <summary>mkdir -p, unless a file is in the way.</summary>
    public bool UserMakeFolder(string path)
    {
        if (_files.Keys.Any(f => path == f || path.StartsWith(f + "/", StringComparison.Ordinal)))
        {
            return false;
        }

        MakeFolders(path + "/");
        return true;
    }

    /// <summary>rm -rf of a folder: everything in it, then the folder.</summary>
    public void UserDeleteFolder(string path)
    {
        foreach (var file in _files.Keys.Where(f => f.StartsWith(path + "/", StringComparison.Ordinal)).ToList())
        {
            _files.Remove(file);
        }

        _folders.RemoveWhere(f => f == path || f.StartsWith(path + "/", StringComparison.Ordinal));
    }

    public bool UserMove(string from, string to)
    {
        if (!_files.Remove(from, out var file) || _files.ContainsKey(to) || _folders.Contains(to))
        {
            if (file.Bytes is not null)
            {
                _files[from] = file;
            }

            return false;
        }

        MakeFolders(to);
        _files[to] = file;
        return true;
    }

    public byte[] Read(string path) => _files[path].Bytes;

    public IReadOnlyList<LocalFile> List()
    {
        Hook("list");
        return [.. _files.Select(f => FileOf(f.Key, f.Value)), .. _folders.Select(f => new LocalFile(f, 0, 0, Folder: true))];
    }

    public LocalFile? Info(string path) => _files.TryGetValue(path, out var f) ? FileOf(path, f) : null;

    // Every write moves the clock on, so a stamp below the clock's time now cannot hide a later write.
    private LocalFile FileOf(string path, (byte[] Bytes, long Ticks) file) =>
        new(path, file.Bytes.Length, file.Ticks, Settled: file.Ticks < clock.GetUtcNow().UtcTicks);

    public Stream OpenRead(string path)
    {
        Hook("read " + path);
        return _files.TryGetValue(path, out var f) ? new MemoryStream(f.Bytes, writable: false) : throw new FileNotFoundException(path);
    }

    public async Task<LocalFile> WriteAtomicallyAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        Hook("write " + path);
        using var buffer = new MemoryStream();
        await write(buffer);
        Hook("rename into " + path);
        MakeFolders(path);
        _files[path] = (buffer.ToArray(), Tick());
        return Info(path)!;
    }

    public LocalFile Move(string from, string to)
    {
        Hook($"move {from}");
        if (!_files.TryGetValue(from, out var file))
        {
            throw new FileNotFoundException(from);
        }

        if (_files.ContainsKey(to) && !string.Equals(from, to, StringComparison.OrdinalIgnoreCase))
        {
            throw new IOException($"'{to}' exists already.");
        }

        _files.Remove(from);
        MakeFolders(to);
        _files[to] = file;
        RemoveEmptyFolders(from);
        return Info(to)!;
    }

    public void Delete(string path)
    {
        Hook("delete " + path);
        _files.Remove(path);
    }

    public void CreateFolder(string path)
    {
        Hook("mkdir " + path);
        if (_files.ContainsKey(path))
        {
            throw new IOException($"'{path}' is a file.");
        }

        MakeFolders(path + "/");
    }

    public bool DeleteFolder(string path)
    {
        Hook("rmdir " + path);
        if (HoldsAnything(path))
        {
            return false;
        }

        _folders.Remove(path);
        return true;
    }

    public void RenameFolder(string from, string to)
    {
        Hook("rename folder " + from);
        string Renamed(string p) => to + p[from.Length..];
        bool Under(string p) => p == from || p.StartsWith(from + "/", StringComparison.Ordinal);
        foreach (var file in _files.Where(f => Under(f.Key)).ToList())
        {
            _files.Remove(file.Key);
            _files[Renamed(file.Key)] = file.Value;
        }

        foreach (var folder in _folders.Where(Under).ToList())
        {
            _folders.Remove(folder);
            _folders.Add(Renamed(folder));
        }
    }

    public byte[]? ReadState(string name) => _state.TryGetValue(name, out var bytes) ? bytes : null;

    public void WriteState(string name, byte[] content)
    {
        Hook("state " + name);
        _state[name] = content;
    }

    public void CleanUp()
    {
    }

    private void Hook(string operation) => BeforeOperation?.Invoke(operation);

    // Every folder above the path (a path ending in '/' is a folder itself).
    private void MakeFolders(string path)
    {
        for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            _folders.Add(path[..slash]);
        }
    }

    private bool HoldsAnything(string folder) =>
        _files.Keys.Concat(_folders).Any(p => p.StartsWith(folder + "/", StringComparison.Ordinal));

    // As a disk sync client does after a rename: the old case of a folder must not stay behind.
    private void RemoveEmptyFolders(string path)
    {
        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
        {
            var folder = path[..slash];
            if (HoldsAnything(folder))
            {
                return;
            }

            _folders.Remove(folder);
        }
    }

    private long Tick()
    {
        clock.Advance(TimeSpan.FromSeconds(1));
        return clock.GetUtcNow().UtcTicks;
    }
}
