using System.Security.Cryptography;

namespace Blueprint.BuildingBlocks.Sync;

/// <summary>
/// A file's content hash: SHA-256 over its blocks' SHA-256s in order (as Dropbox's content_hash).
/// Every client cuts a given file the same way, so equal content has an equal hash everywhere;
/// that is how a retried commit, or two devices making the same edit, are recognized.
/// </summary>
public static class ContentHash
{
    /// <summary>The content hash of a file made of <paramref name="blocks"/>.</summary>
    public static string Of(IEnumerable<BlockRef> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> raw = stackalloc byte[32];
        foreach (var block in blocks)
        {
            Convert.FromHexString(block.Hash, raw, out _, out _);
            hash.AppendData(raw);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
