namespace Blueprint.Infrastructure.Blobs;

/// <summary>A ranged read asked for bytes the object does not have (HTTP 416).</summary>
public sealed class BlobRangeException : Exception
{
    public BlobRangeException()
    {
    }

    public BlobRangeException(string message)
        : base(message)
    {
    }

    public BlobRangeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
