using Blueprint.CloudStorage.Client;
using Microsoft.Extensions.Time.Testing;

namespace Blueprint.CloudStorage.Tests.Sync;

/// <summary>A thrown stand-in for kill -9: the client stops here, between two operations, and loses what it held in memory.</summary>
internal sealed class SimulatedCrash() : Exception("simulated crash");

/// <summary>
/// A folder in memory for the simulation: case-sensitive like Linux, stamps from the fake clock
/// (which moves on by a second per write), and a hook before every operation where the simulation
/// may crash the client. Like a disk, it keeps its files across a crash; writes are atomic.
/// </summary>
internal sealed class MemoryFileSystem(FakeTimeProvider clock) : ISyncFileSystem
{
    private readonly SortedDictionary<string, (byte[] Bytes, long Ticks)> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _state = new(StringComparer.Ordinal);

    /// <summary>Called before every operation of the engine; may throw <see cref="SimulatedCrash"/>.</summary>
    public Action<string>? BeforeOperation { get; set; }

    public IReadOnlyDictionary<string, byte[]> Snapshot() => _files.ToDictionary(f => f.Key, f => f.Value.Bytes, StringComparer.Ordinal);

    public IEnumerable<string> Paths => _files.Keys;

    /// <summary>The user's own edit (no crash hook).</summary>
    public void UserWrite(string path, byte[] bytes) => _files[path] = (bytes, Tick());

    public void UserDelete(string path) => _files.Remove(path);

    public bool UserMove(string from, string to)
    {
        if (!_files.Remove(from, out var file) || _files.ContainsKey(to))
        {
            if (file.Bytes is not null)
            {
                _files[from] = file;
            }

            return false;
        }

        _files[to] = file;
        return true;
    }

    public byte[] Read(string path) => _files[path].Bytes;

    public IReadOnlyList<LocalFile> List()
    {
        Hook("list");
        return [.. _files.Select(f => new LocalFile(f.Key, f.Value.Bytes.Length, f.Value.Ticks))];
    }

    public LocalFile? Info(string path) => _files.TryGetValue(path, out var f) ? new LocalFile(path, f.Bytes.Length, f.Ticks) : null;

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
        _files[to] = file;
        return Info(to)!;
    }

    public void Delete(string path)
    {
        Hook("delete " + path);
        _files.Remove(path);
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

    private long Tick()
    {
        clock.Advance(TimeSpan.FromSeconds(1));
        return clock.GetUtcNow().UtcTicks;
    }
}
