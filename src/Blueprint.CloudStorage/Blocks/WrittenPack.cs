namespace Blueprint.CloudStorage.Blocks;

/// <summary>A pack written to the blob store, and the rows that will name its blocks.</summary>
internal sealed record WrittenPack(string Key, long Length, string[] Hashes, long[] Lengths, long[] SealedLengths, long[] Offsets);
