using System.Runtime.InteropServices;

namespace Blueprint.Infrastructure.Blobs;

/// <summary>
/// Where a page starts in an array. An object put as a <see cref="MemoryStream"/> over a pinned
/// array (<see cref="GC.AllocateUninitializedArray{T}(int, bool)"/>), starting there, goes to the
/// file-system store's disk straight from the array (O_DIRECT) instead of through a copy.
/// </summary>
public static class PageAlignment
{
    /// <summary>The alignment direct I/O asks of memory, file offsets and lengths.</summary>
    public const int Bytes = 4096;

    /// <summary>The first offset in <paramref name="array"/> at a page boundary (less than <see cref="Bytes"/>; stable only while the array cannot move).</summary>
    public static int FirstOffset(byte[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        return array.Length == 0 ? 0 : (int)((Bytes - (Marshal.UnsafeAddrOfPinnedArrayElement(array, 0) % Bytes)) % Bytes);
    }
}
