namespace Blueprint.Infrastructure.Blobs;

/// <summary>Settings under <c>Blobs:S3</c>. Setting <see cref="ServiceUrl"/> switches the blob port to S3.</summary>
public sealed class S3BlobOptions
{
    public const string Section = "Blobs:S3";

    /// <summary>The endpoint of any S3-compatible service, addressed path-style (http://127.0.0.1:9000).</summary>
    public string? ServiceUrl { get; set; }

    public string Bucket { get; set; } = "blueprint";

    public string Region { get; set; } = "us-east-1";

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Objects larger than this are uploaded in parts of this size (S3's minimum part is 5 MiB).</summary>
    public int PartSizeBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// A seekable body of up to this many bytes (a pack of blocks, a file) goes as one PUT read
    /// straight from it; larger ones, and bodies that cannot seek, in parts. S3's own limit for one
    /// PUT is 5 GiB.
    /// </summary>
    public long SinglePutMaxBytes { get; set; } = 64L * 1024 * 1024;
}
