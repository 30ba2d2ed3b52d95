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

    public void Dispose() => _directory.Dispose();
}
