using System.Security.Cryptography;
using Blueprint.Infrastructure.Blobs;

namespace Blueprint.Infrastructure.Tests.Blobs;

public sealed class FileSystemBlobTests : BlobContractTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly FileSystemBlobStore _store;

    public FileSystemBlobTests() => _store = new FileSystemBlobStore(Path.Combine(_directory.Path, "blobs"));

    protected override IBlobStore Store => _store;

    [Fact]
    public async Task Put_KeepsNoTemporaryFileAndWritesInsideTheRoot()
    {
        await _store.PutAsync("a/b/c.txt", new MemoryStream([1, 2, 3]));

        Assert.True(File.Exists(Path.Combine(_store.Root, "a", "b", "c.txt")));
        Assert.Equal(["c.txt"], Directory.GetFiles(Path.Combine(_store.Root, "a", "b")).Select(Path.GetFileName));
        Assert.Equal(["a/b/c.txt"], await _store.ListAsync().Select(b => b.Key).ToListAsync());
    }

    // Around each edge of the write path: small objects written as they are, large ones in 4 MiB
    // pieces around the page cache (from 1 MiB), the last piece padded to a page and cut back.
    [Theory]
    [InlineData(65_535)]
    [InlineData(65_536)]
    [InlineData(1_048_575)]
    [InlineData(1_048_577)]
    [InlineData(4 * 1_048_576)]
    [InlineData((4 * 1_048_576) + 4095)]
    [InlineData((9 * 1_048_576) + 7)]
    public async Task Put_OfAnySize_ReadsBackExactly(int size)
    {
        var data = RandomNumberGenerator.GetBytes(size);

        var info = await _store.PutAsync("sizes/object", new MemoryStream(data));

        Assert.Equal(size, info.Length);
        Assert.Equal(size, new FileInfo(Path.Combine(_store.Root, "sizes", "object")).Length);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(_store.Root, "sizes", "object"))));
    }

    // An object already in memory from a page boundary (a pack sealed into a pinned buffer) is written
    // from where it lies: whole pages at once, the last part page padded and cut back. Misaligned, or
    // partly read already, it goes the usual way — either way the object is exactly the stream's rest.
    [Theory]
    [InlineData(1_048_576, 0, 0)]
    [InlineData(1_048_576 + 7, 0, 0)]
    [InlineData((9 * 1_048_576) + 4095, 0, 0)]
    [InlineData((2 * 1_048_576) + 100, 1, 0)]
    [InlineData((2 * 1_048_576) + 100, 0, 4096)]
    [InlineData((2 * 1_048_576) + 100, 0, 5)]
    public async Task Put_FromMemoryAtAPageBoundary_ReadsBackExactly(int size, int misalignBy, int alreadyRead)
    {
        var array = GC.AllocateUninitializedArray<byte>(size + (2 * PageAlignment.Bytes), pinned: true);
        var start = PageAlignment.FirstOffset(array) + misalignBy;
        RandomNumberGenerator.Fill(array.AsSpan(start, size));
        var content = new MemoryStream(array, start, size, writable: false, publiclyVisible: true) { Position = alreadyRead };

        var info = await _store.PutAsync("memory/object", content);

        var expected = array.AsSpan(start + alreadyRead, size - alreadyRead).ToArray();
        Assert.Equal(expected.Length, info.Length);
        Assert.Equal(SHA256.HashData(expected), SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(_store.Root, "memory", "object"))));
        Assert.Equal(size, content.Position);
    }

    [Fact]
    public async Task Put_Large_OnAFileSystemWithoutDirectIO_IsWrittenAsUsual()
    {
        // tmpfs refuses O_DIRECT; where there is none, the temporary folder stands in (the path is the same then).
        var root = Directory.Exists("/dev/shm") ? Path.Combine("/dev/shm", "blueprint-blobs-" + Guid.NewGuid().ToString("N")) : Path.Combine(_directory.Path, "plain");
        try
        {
            var store = new FileSystemBlobStore(root);
            var data = GC.AllocateUninitializedArray<byte>((5 * 1_048_576) + 3 + PageAlignment.Bytes, pinned: true);
            var start = PageAlignment.FirstOffset(data);
            RandomNumberGenerator.Fill(data);

            await store.PutAsync("large.bin", new MemoryStream(data));
            await store.PutAsync("aligned.bin", new MemoryStream(data, start, data.Length - PageAlignment.Bytes, writable: false, publiclyVisible: true));

            Assert.Equal(SHA256.HashData(data), SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(root, "large.bin"))));
            Assert.Equal(SHA256.HashData(data.AsSpan(start, data.Length - PageAlignment.Bytes)), SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(root, "aligned.bin"))));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    public void Dispose() => _directory.Dispose();
}
