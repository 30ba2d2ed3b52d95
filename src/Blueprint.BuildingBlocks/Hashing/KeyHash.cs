using System.IO.Hashing;

namespace Blueprint.BuildingBlocks.Hashing;

/// <summary>
/// The one hash every placement scheme here starts from, written down so another language can place
/// keys identically: XxHash64 with seed 0 over the key's UTF-8 bytes, read as an unsigned 64-bit number.
/// </summary>
public static class KeyHash
{
    /// <summary>XxHash64 (seed 0) of the UTF-8 bytes of <paramref name="key"/>.</summary>
    public static ulong Of(string key) => Of(key, 0);

    /// <summary>XxHash64 (seed 0) of raw key bytes.</summary>
    public static ulong Of(ReadOnlySpan<byte> key) => XxHash64.HashToUInt64(key);

    /// <summary>XxHash64 of <paramref name="key"/> with another seed: a second, independent hash.</summary>
    public static ulong Of(string key, long seed) =>
        Utf8.With(key, seed, static (bytes, seed) => XxHash64.HashToUInt64(bytes, seed));

    /// <summary>
    /// SplitMix64's finaliser: scrambles a 64-bit value so that nearby inputs land far apart. Used to
    /// combine a key's hash with a node's (rendezvous) without hashing bytes again.
    /// </summary>
    public static ulong Mix(ulong value)
    {
        value ^= value >> 30;
        value *= 0xbf58476d1ce4e5b9UL;
        value ^= value >> 27;
        value *= 0x94d049bb133111ebUL;
        value ^= value >> 31;
        return value;
    }
}
