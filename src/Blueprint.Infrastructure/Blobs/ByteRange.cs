namespace Blueprint.Infrastructure.Blobs;

/// <summary>A byte range to read: <see cref="Length"/> bytes from <see cref="Offset"/>, or to the end when null.</summary>
public readonly record struct ByteRange(long Offset, long? Length = null);
