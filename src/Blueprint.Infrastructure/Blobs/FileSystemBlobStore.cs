using System.Runtime.CompilerServices;

namespace Blueprint.Infrastructure.Blobs;

/// <summary>
/// The embedded blob engine: one file per object under a root directory, the key as its path, so
/// the store can be browsed by hand. Writes go to a temporary file beside the target (named with a
/// leading '.', which no key has) that is renamed into place, which makes them atomic.
/// </summary>
internal sealed class FileSystemBlobStore : IBlobStore
{
    private const int CopyBufferSize = 81920;
    private const long DirectWriteFrom = 1 << 20;

    private readonly string _root;

    public FileSystemBlobStore(string root)
    {
        _root = Path.GetFullPath(root);
    }

    public string Root => _root;

    public async Task<BlobInfo> PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathOf(key);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        // The temporary file sits beside its target ('.' starts no key, so it is never listed): a
        // rename within one directory locks only that directory, where a shared upload folder made
        // every parallel writer queue on its lock.
        var temporary = Path.Combine(directory, "." + Guid.NewGuid().ToString("N"));
        try
        {
            // A large object is written around the page cache where the disk allows.
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, FileOptions.None))
            {
                await DirectFileWrite.CopyAsync(content, file, DirectWriteFrom, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        return Info(key, new FileInfo(path));
    }

    public Task<BlobContent?> OpenReadAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        FileStream file;
        try
        {
            // FileShare.Delete: a reader never blocks a writer replacing or deleting the object. A short
            // range (a block inside a pack) is read unbuffered: a buffer would read 80 KiB for 8.
            var buffer = range is { Length: <= CopyBufferSize } ? 0 : CopyBufferSize;
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, buffer, useAsync: true);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<BlobContent?>(null);
        }

        try
        {
            var (offset, length) = range.Resolve(file.Length);
            file.Seek(offset, SeekOrigin.Begin);
            return Task.FromResult<BlobContent?>(new BlobContent(new BoundedReadStream(file, length), offset, length, file.Length));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        var file = new FileInfo(PathOf(key));
        return Task.FromResult(file.Exists ? Info(key, file) : null);
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var file = new FileInfo(PathOf(key));
        if (!file.Exists)
        {
            return Task.FromResult(false);
        }

        file.Delete();
        return Task.FromResult(true);
    }

    public async IAsyncEnumerable<BlobInfo> ListAsync(string prefix = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        BlobKey.ValidatePrefix(prefix);
        // Walk only the deepest directory the prefix names fully.
        var slash = prefix.LastIndexOf('/');
        var start = slash < 0 ? _root : Path.Combine(_root, prefix[..slash]);
        if (!Directory.Exists(start))
        {
            yield break;
        }

        var matches = new DirectoryInfo(start)
            .EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(f => !f.Name.StartsWith('.'))
            .Select(f => (Key: Path.GetRelativePath(_root, f.FullName).Replace(Path.DirectorySeparatorChar, '/'), File: f))
            .Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(f => f.Key, StringComparer.Ordinal);
        foreach (var (key, file) in matches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Info(key, file);
        }

        await Task.CompletedTask;
    }

    private string PathOf(string key) => Path.Combine(_root, BlobKey.Validate(key).Replace('/', Path.DirectorySeparatorChar));

    private static BlobInfo Info(string key, FileInfo file) => new(key, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero));
}
