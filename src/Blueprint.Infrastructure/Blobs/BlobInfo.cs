namespace Blueprint.Infrastructure.Blobs;

/// <summary>What the store knows about one object.</summary>
public sealed record BlobInfo(string Key, long Length, DateTimeOffset LastModified);
