using Blueprint.CloudStorage.Client;

namespace Blueprint.CloudStorage.Tests.Sync;

/// <summary>A folder whose first read of a file fails with an I/O error after <paramref name="failAfter"/> bytes, as a disk can.</summary>
internal sealed class FailingReadFileSystem(ISyncFileSystem inner, long failAfter) : ISyncFileSystem
{
    public bool Failed { get; private set; }

    public IReadOnlyList<LocalFile> List() => inner.List();

    public LocalFile? Info(string path) => inner.Info(path);

    public Stream OpenRead(string path)
    {
        var stream = inner.OpenRead(path);
        if (Failed)
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
