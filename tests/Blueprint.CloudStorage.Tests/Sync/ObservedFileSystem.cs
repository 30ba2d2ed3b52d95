using Blueprint.CloudStorage.Client;

namespace Blueprint.CloudStorage.Tests.Sync;

/// <summary>
/// A folder that counts the files opened for reading and written, and, given
/// <paramref name="failFirstReadAfter"/>, fails its first read with an I/O error after that many
/// bytes, as a disk can. A <paramref name="full"/> disk fails every write with "no space left" after
/// its first mebibyte; <paramref name="availableBytes"/> is what it says is free.
/// </summary>
internal sealed class ObservedFileSystem(ISyncFileSystem inner, long? failFirstReadAfter = null, bool full = false, long? availableBytes = null) : ISyncFileSystem
{
    private const int FullAfter = 1 << 20;
    private readonly Dictionary<string, int> _reads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _writes = new(StringComparer.Ordinal);

    public bool Failed { get; private set; }

    /// <summary>How many times <paramref name="path"/> was opened for reading.</summary>
    public int ReadsOf(string path) => _reads.GetValueOrDefault(path);

    /// <summary>How many times <paramref name="path"/> was written (or a write of it was begun).</summary>
    public int WritesOf(string path) => _writes.GetValueOrDefault(path);

    public long? AvailableBytes() => availableBytes ?? inner.AvailableBytes();

    public IReadOnlyList<LocalFile> List() => inner.List();

    public LocalFile? Info(string path) => inner.Info(path);

    public Stream OpenRead(string path)
    {
        _reads[path] = ReadsOf(path) + 1;
        var stream = inner.OpenRead(path);
        if (Failed || failFirstReadAfter is not { } failAfter)
        {
            return stream;
        }

        Failed = true;
        return new FailingStream(stream, failAfter);
    }

    public Task<LocalFile> WriteAtomicallyAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        _writes[path] = WritesOf(path) + 1;
        return inner.WriteAtomicallyAsync(path, full ? output => write(new FullDiskStream(output)) : write, cancellationToken);
    }

    public LocalFile Move(string from, string to) => inner.Move(from, to);

    public void Delete(string path) => inner.Delete(path);

    public void CreateFolder(string path) => inner.CreateFolder(path);

    public bool DeleteFolder(string path) => inner.DeleteFolder(path);

    public void RenameFolder(string from, string to) => inner.RenameFolder(from, to);

    public byte[]? ReadState(string name) => inner.ReadState(name);

    public void WriteState(string name, byte[] content) => inner.WriteState(name, content);

    public void CleanUp() => inner.CleanUp();

    private sealed class FailingStream(Stream inner, long failAfter) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_read >= failAfter)
            {
                throw new IOException("Input/output error (simulated)");
            }

            var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, failAfter - _read)], cancellationToken);
            _read += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class FullDiskStream(Stream inner) : Stream
    {
        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _written;

        public override long Position { get => _written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_written + buffer.Length > FullAfter)
            {
                throw new IOException("No space left on device (simulated)");
            }

            await inner.WriteAsync(buffer, cancellationToken);
            _written += buffer.Length;
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
