using System.Security.Cryptography;
using System.Text;
using ZstdSharp;

namespace Blueprint.BuildingBlocks.Sync;

/// <summary>
/// A block as it rests in storage (seed 003 §15): compressed with zstd when that saves anything
/// (incompressible blocks — photos, video, archives — are kept as they are), then encrypted with
/// AES-256-GCM under the tenant's key. The block's SHA-256, its name in the store, is bound in as
/// associated data, so a block cannot be passed off under another name; opening checks the hash of
/// what comes out. Layout: version (1 byte), flags (1: bit 0 = compressed), nonce (12), tag (16),
/// ciphertext. Nonces are random: safe for about 2^32 blocks per key, after which a tenant's key
/// should be rotated.
/// </summary>
public static class BlockSeal
{
    /// <summary>Bytes a sealed block adds to its (possibly compressed) content.</summary>
    public const int Overhead = HeaderLength;

    /// <summary>The largest block <see cref="Open"/> will inflate, so a forged header cannot ask for unbounded memory.</summary>
    public const int MaxBlockLength = 64 * 1024 * 1024;

    private const byte Version = 1;
    private const byte Compressed = 1;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int HeaderLength = 2 + NonceLength + TagLength;
    private const int CompressionLevel = 3;
    // A zstd context costs more to make than to use on a small block: one per thread, kept.
    [ThreadStatic]
    private static Compressor? t_compressor;

    [ThreadStatic]
    private static Decompressor? t_decompressor;

    // Setting up AES-GCM (key schedule, an OpenSSL context) costs 5 µs, as much as encrypting 16 KiB:
    // the last key's context is kept per thread, which is what a run of one tenant's blocks uses.
    [ThreadStatic]
    private static (byte[] Key, AesGcm Cipher)? t_cipher;

    /// <summary>The block's name in the store: its SHA-256, lowercase hex.</summary>
    public static string HashOf(ReadOnlySpan<byte> block) => Convert.ToHexStringLower(SHA256.HashData(block));

    /// <summary>The names of the blocks at <paramref name="ranges"/> of <paramref name="buffer"/> (a run), hashed on every core.</summary>
    public static string[] HashAll(ReadOnlyMemory<byte> buffer, IReadOnlyList<Range> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var hashes = new string[ranges.Count];
        Parallel.For(0, ranges.Count, i => hashes[i] = HashOf(buffer.Span[ranges[i]]));
        return hashes;
    }

    /// <summary>Compresses (if worth it) and encrypts <paramref name="block"/> under a 32-byte <paramref name="key"/>.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> block, ReadOnlySpan<byte> key, string blockHash)
    {
        var sealedBlock = new byte[MaxSealedLength(block.Length)];
        var length = SealInto(block, key, blockHash, sealedBlock);
        return length == sealedBlock.Length ? sealedBlock : sealedBlock[..length];
    }

    /// <summary>The most bytes sealing a block of <paramref name="blockLength"/> bytes can give: compression is kept only when it shrinks.</summary>
    public static int MaxSealedLength(int blockLength) => HeaderLength + blockLength;

    /// <summary>
    /// Seals <paramref name="block"/> into <paramref name="destination"/> (at least
    /// <see cref="MaxSealedLength"/> bytes) and returns the sealed length, so a caller can seal many
    /// blocks into one reused buffer instead of an array each.
    /// </summary>
    public static int SealInto(ReadOnlySpan<byte> block, ReadOnlySpan<byte> key, string blockHash, Span<byte> destination)
    {
        ArgumentException.ThrowIfNullOrEmpty(blockHash);
        ThrowIfBadKey(key);
        if (block.Length > MaxBlockLength)
        {
            throw new ArgumentOutOfRangeException(nameof(block), $"A block is at most {MaxBlockLength} bytes; this one has {block.Length}.");
        }

        if (destination.Length < MaxSealedLength(block.Length))
        {
            throw new ArgumentException($"A sealed block of {block.Length} bytes needs up to {MaxSealedLength(block.Length)} bytes; {destination.Length} were given.", nameof(destination));
        }

        // Kept raw unless compression saves at least 3 %: inflating an incompressible block costs reads
        // for nothing. Blocks whose sample looks random (photos, video, archives, ciphertext) are not
        // even tried: a zstd frame costs more than the encryption.
        var content = block;
        if (!CompressibilityProbe.LooksIncompressible(block))
        {
            var scratch = CompressionScratch(block.Length);
            var compressor = t_compressor ??= new Compressor(CompressionLevel);
            if (compressor.TryWrap(block, scratch.AsSpan(0, SavingLength(block.Length)), out var packed))
            {
                content = scratch.AsSpan(0, packed);
            }
        }

        var flags = content.Length < block.Length ? Compressed : (byte)0;
        destination[0] = Version;
        destination[1] = flags;
        var nonce = destination.Slice(2, NonceLength);
        FillNonce(nonce);
        Cipher(key).Encrypt(nonce, content, destination.Slice(HeaderLength, content.Length), destination.Slice(2 + NonceLength, TagLength), AssociatedData(blockHash, flags));
        return HeaderLength + content.Length;
    }

    // Compression into a per-thread buffer, grown to the largest block seen: a block is kept
    // compressed only if it fits in 97 % of its length, so that is all the room zstd is given.
    [ThreadStatic]
    private static byte[]? t_scratch;

    private static byte[] CompressionScratch(int blockLength) =>
        t_scratch is { } scratch && scratch.Length >= blockLength ? scratch : t_scratch = new byte[blockLength];

    // Nonces are public, so they may come from a per-thread batch of the system's CSPRNG: one call of
    // 3 µs serves 341 blocks.
    [ThreadStatic]
    private static byte[]? t_nonces;

    [ThreadStatic]
    private static int t_noncesUsed;

    private static void FillNonce(Span<byte> nonce)
    {
        if (t_nonces is null || t_noncesUsed + nonce.Length > t_nonces.Length)
        {
            t_nonces ??= new byte[NonceLength * 341];
            RandomNumberGenerator.Fill(t_nonces);
            t_noncesUsed = 0;
        }

        t_nonces.AsSpan(t_noncesUsed, nonce.Length).CopyTo(nonce);
        t_noncesUsed += nonce.Length;
    }

    private static AesGcm Cipher(ReadOnlySpan<byte> key)
    {
        if (t_cipher is { } cached && key.SequenceEqual(cached.Key))
        {
            return cached.Cipher;
        }

        t_cipher?.Cipher.Dispose();
        var cipher = new AesGcm(key, TagLength);
        t_cipher = (key.ToArray(), cipher);
        return cipher;
    }

    // The longest compressed form worth keeping: at least 3 % smaller than the block.
    private static int SavingLength(int original) => Math.Max(0, original - (original / 32) - 1);

    /// <summary>The block sealed under <paramref name="blockHash"/>.</summary>
    /// <exception cref="BlockIntegrityException">Wrong key, a changed byte, another block's name, or content whose hash is not its name.</exception>
    public static byte[] Open(ReadOnlySpan<byte> sealedBlock, ReadOnlySpan<byte> key, string blockHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(blockHash);
        ThrowIfBadKey(key);
        if (sealedBlock.Length < HeaderLength || sealedBlock[0] != Version || (sealedBlock[1] & ~Compressed) != 0)
        {
            throw new BlockIntegrityException($"Block {blockHash} is not a sealed block of version {Version}.");
        }

        var content = new byte[sealedBlock.Length - HeaderLength];
        try
        {
            Cipher(key).Decrypt(sealedBlock.Slice(2, NonceLength), sealedBlock[HeaderLength..], sealedBlock.Slice(2 + NonceLength, TagLength), content, AssociatedData(blockHash, sealedBlock[1]));
        }
        catch (AuthenticationTagMismatchException error)
        {
            throw new BlockIntegrityException($"Block {blockHash} does not open under this key: the key is wrong, a byte changed, or it is another block.", error);
        }

        var block = (sealedBlock[1] & Compressed) != 0 ? Inflate(content, blockHash) : content;
        return HashOf(block) == blockHash ? block : throw new BlockIntegrityException($"Block {blockHash} opened, but its content hashes to {HashOf(block)}.");
    }

    private static byte[] Inflate(byte[] content, string blockHash)
    {
        var length = Decompressor.GetDecompressedSize(content);
        if (length > MaxBlockLength)
        {
            throw new BlockIntegrityException($"Block {blockHash} claims {length} bytes uncompressed; at most {MaxBlockLength} are allowed.");
        }

        var decompressor = t_decompressor ??= new Decompressor();
        return decompressor.Unwrap(content).ToArray();
    }

    // The name and the flags are authenticated too: neither can be changed without the tag failing.
    private static byte[] AssociatedData(string blockHash, byte flags)
    {
        var data = new byte[Encoding.ASCII.GetByteCount(blockHash) + 1];
        Encoding.ASCII.GetBytes(blockHash, data);
        data[^1] = flags;
        return data;
    }

    private static void ThrowIfBadKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException($"A block key is 32 bytes (AES-256); {key.Length} were given.", nameof(key));
        }
    }
}
