namespace Blueprint.Infrastructure.Blobs;

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
