namespace Blueprint.Infrastructure.Blobs;

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
