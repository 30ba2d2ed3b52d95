namespace Blueprint.Infrastructure.Blobs;

/// <summary>What the store knows about one object.</summary>
public sealed record BlobInfo(string Key, long Length, DateTimeOffset LastModified);

/// <summary>A byte range to read: <see cref="Length"/> bytes from <see cref="Offset"/>, or to the end when null.</summary>
public readonly record struct ByteRange(long Offset, long? Length = null);

/// <summary>An open object: the stream of the requested bytes and where they sit in the whole object.</summary>
public sealed class BlobContent(Stream stream, long offset, long length, long totalLength) : IAsyncDisposable, IDisposable
{
    /// <summary>The requested bytes; the caller disposes it (or this).</summary>
    public Stream Stream { get; } = stream;

    /// <summary>The first byte's position in the object.</summary>
    public long Offset { get; } = offset;

    /// <summary>How many bytes <see cref="Stream"/> yields.</summary>
    public long Length { get; } = length;

    /// <summary>The whole object's size.</summary>
    public long TotalLength { get; } = totalLength;

    public ValueTask DisposeAsync() => Stream.DisposeAsync();

    public void Dispose() => Stream.Dispose();
}

/// <summary>
/// The blob port (seed 000 §7.6, object storage): immutable-by-key objects written and read as
/// streams. Files under ./data/blobs by default; S3-compatible storage when configured. A write is
/// all or nothing: readers see the old object or the new one, never a part.
/// </summary>
public interface IBlobStore
{
    /// <summary>Streams <paramref name="content"/> into the object at <paramref name="key"/>, replacing any object there.</summary>
    Task<BlobInfo> PutAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Opens the object, or the requested range of it; null when there is no such object.</summary>
    /// <exception cref="BlobRangeException">The range starts past the end of the object.</exception>
    Task<BlobContent?> OpenReadAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default);

    /// <summary>The object's size and time, or null when there is no such object.</summary>
    Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes the object; true when it existed.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every object whose key starts with <paramref name="prefix"/>, in ordinal key order.</summary>
    IAsyncEnumerable<BlobInfo> ListAsync(string prefix = "", CancellationToken cancellationToken = default);
}
