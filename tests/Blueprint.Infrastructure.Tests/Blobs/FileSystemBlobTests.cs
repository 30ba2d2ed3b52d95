using System.Security.Cryptography;
using Blueprint.Infrastructure.Blobs;
using Blueprint.Testing;

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

    [Fact]
    public async Task Put_Large_OnAFileSystemWithoutDirectIO_IsWrittenAsUsual()
    {
        // tmpfs refuses O_DIRECT; where there is none, the temporary folder stands in (the path is the same then).
        var root = Directory.Exists("/dev/shm") ? Path.Combine("/dev/shm", "blueprint-blobs-" + Guid.NewGuid().ToString("N")) : Path.Combine(_directory.Path, "plain");
        try
        {
            var store = new FileSystemBlobStore(root);
            var data = RandomNumberGenerator.GetBytes((5 * 1_048_576) + 3);

            await store.PutAsync("large.bin", new MemoryStream(data));

            Assert.Equal(SHA256.HashData(data), SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(root, "large.bin"))));
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
