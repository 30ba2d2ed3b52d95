namespace Blueprint.CloudStorage.Blocks;

/// <summary>A group of blocks read off the wire, each named by <typeparamref name="TName"/>, and the buffer they lie in.</summary>
internal sealed record BlockGroup<TName>(IReadOnlyList<(TName Name, ReadOnlyMemory<byte> Bytes)> Blocks, GroupBuffers.Lease Buffer);
