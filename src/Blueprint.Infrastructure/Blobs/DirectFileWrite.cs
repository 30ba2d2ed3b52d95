using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Blueprint.Infrastructure.Blobs;

/// <summary>
/// Writes a new file around the page cache (O_DIRECT, Linux): the bytes go from an aligned buffer
/// of ours straight to the disk. A blob store's large objects are written once and seldom read back
/// soon; through the page cache each write first takes fresh pages for them, and on a VM faulting in
/// memory the guest has not touched lately costs more than the copy to the disk does
/// (docs/systems/cloud-storage.md §6). Where the file system refuses direct I/O (tmpfs), or off
/// Linux, the caller writes as usual.
/// </summary>
internal static class DirectFileWrite
{
    private const int Alignment = PageAlignment.Bytes;
    private const int ChunkBytes = 4 << 20;
    private const int GetFlags = 3;
    private const int SetFlags = 4;
    private const int KeptBuffers = 4;
    private const int SmallBytes = 64 << 10;

    // Reused: a new pinned 4 MiB array per object would be fresh memory again.
    private static readonly ConcurrentBag<byte[]> Buffers = [];

    private static int DirectFlag => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 => 0x4000,
        Architecture.Arm64 or Architecture.Arm => 0x10000,
        _ => 0,
    };

    /// <summary>
    /// Copies <paramref name="content"/> into <paramref name="file"/> (new, empty, opened for writing
    /// without a buffer of its own) 4 MiB at a time: around the page cache when the content turns out
    /// to be at least <paramref name="directFrom"/> bytes and the file system takes direct I/O, as
    /// usual otherwise.
    /// </summary>
    public static async Task CopyAsync(Stream content, FileStream file, long directFrom, CancellationToken cancellationToken)
    {
        if (content is MemoryStream memory && memory.TryGetBuffer(out var whole) && whole.Count - memory.Position >= Math.Max(directFrom, Alignment)
            && await TryWriteInPlaceAsync(whole.AsMemory(checked((int)memory.Position)), file, cancellationToken))
        {
            memory.Position = whole.Count;
            return;
        }

        // A small object is written as it is, without taking a large buffer.
        var head = ArrayPool<byte>.Shared.Rent(SmallBytes);
        try
        {
            var headLength = await content.ReadAtLeastAsync(head.AsMemory(0, SmallBytes), SmallBytes, throwOnEndOfStream: false, cancellationToken);
            if (headLength < SmallBytes)
            {
                await RandomAccess.WriteAsync(file.SafeFileHandle, head.AsMemory(0, headLength), 0, cancellationToken);
                return;
            }

            await CopyLargeAsync(head.AsMemory(0, headLength), content, file, directFrom, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }
    }

    private static async Task CopyLargeAsync(ReadOnlyMemory<byte> head, Stream content, FileStream file, long directFrom, CancellationToken cancellationToken)
    {
        var buffer = Buffers.TryTake(out var kept) ? kept : GC.AllocateUninitializedArray<byte>(ChunkBytes + Alignment, pinned: true);
        try
        {
            // Direct I/O wants the memory, the offset and the length aligned: the last piece is written
            // padded to a whole page and the file then cut back to its length.
            var start = PageAlignment.FirstOffset(buffer);
            var chunk = buffer.AsMemory(start, ChunkBytes);
            head.CopyTo(chunk);
            var carried = head.Length;
            bool? direct = null;
            long written = 0;
            while (true)
            {
                var filled = carried + await content.ReadAtLeastAsync(chunk[carried..], ChunkBytes - carried, throwOnEndOfStream: false, cancellationToken);
                carried = 0;
                direct ??= filled >= directFrom && TrySetDirect(file.SafeFileHandle);
                if (filled == 0)
                {
                    break;
                }

                var length = direct.Value ? (filled + Alignment - 1) / Alignment * Alignment : filled;
                chunk.Span[filled..length].Clear();
                await RandomAccess.WriteAsync(file.SafeFileHandle, chunk[..length], written, cancellationToken);
                written += filled;
                if (filled < ChunkBytes)
                {
                    break;
                }
            }

            if (direct == true)
            {
                RandomAccess.SetLength(file.SafeFileHandle, written);
            }
        }
        finally
        {
            if (Buffers.Count < KeptBuffers)
            {
                Buffers.Add(buffer);
            }
        }
    }

    // Bytes that already lie in memory starting at a page boundary are written from where they are:
    // all whole pages at once, then the last part page from a padded copy. False (nothing written)
    // when they are not aligned or the file system refuses direct I/O.
    private static async Task<bool> TryWriteInPlaceAsync(ReadOnlyMemory<byte> bytes, FileStream file, CancellationToken cancellationToken)
    {
        if (!MemoryMarshal.TryGetArray(bytes, out var segment))
        {
            return false;
        }

        var wholePages = bytes.Length / Alignment * Alignment;
        using (var pin = bytes.Pin())
        {
            // Pinned, the address holds until the write is done.
            if (Marshal.UnsafeAddrOfPinnedArrayElement(segment.Array!, segment.Offset) % Alignment != 0 || !TrySetDirect(file.SafeFileHandle))
            {
                return false;
            }

            await RandomAccess.WriteAsync(file.SafeFileHandle, bytes[..wholePages], 0, cancellationToken);
        }

        if (wholePages < bytes.Length)
        {
            var last = GC.AllocateUninitializedArray<byte>(2 * Alignment, pinned: true);
            var page = last.AsMemory(PageAlignment.FirstOffset(last), Alignment);
            bytes.Span[wholePages..].CopyTo(page.Span);
            page.Span[(bytes.Length - wholePages)..].Clear();
            await RandomAccess.WriteAsync(file.SafeFileHandle, page, wholePages, cancellationToken);
            RandomAccess.SetLength(file.SafeFileHandle, bytes.Length);
        }

        return true;
    }

    private static bool TrySetDirect(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux() || DirectFlag == 0)
        {
            return false;
        }

        var flags = NativeMethods.fcntl(handle, GetFlags, 0);
        return flags >= 0 && NativeMethods.fcntl(handle, SetFlags, flags | DirectFlag) == 0;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SA1300, IDE1006 // the C library's own name
        public static extern int fcntl(SafeFileHandle handle, int command, int argument);
#pragma warning restore SA1300, IDE1006
    }
}
