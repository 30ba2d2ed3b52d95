using Blueprint.CloudStorage.Client;

namespace Blueprint.CloudStorage.Tests.Sync;

/// <summary>
/// A folder that counts the files opened for reading and, given <paramref name="failFirstReadAfter"/>,
/// fails its first read with an I/O error after that many bytes, as a disk can.
/// </summary>
internal sealed class ObservedFileSystem(ISyncFileSystem inner, long? failFirstReadAfter = null) : ISyncFileSystem
{
    private readonly Dictionary<string, int> _reads = new(StringComparer.Ordinal);

    public bool Failed { get; private set; }

    /// <summary>How many times <paramref name="path"/> was opened for reading.</summary>
    public int ReadsOf(string path) => _reads.GetValueOrDefault(path);

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

    public Task<LocalFile> WriteAtomicallyAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken) => inner.WriteAtomicallyAsync(path, write, cancellationToken);

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
}
