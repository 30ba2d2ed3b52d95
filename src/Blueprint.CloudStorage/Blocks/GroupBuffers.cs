using System.Collections.Concurrent;

namespace Blueprint.CloudStorage.Blocks;

/// <summary>
/// The large buffers an upload works in — a group of blocks read off the wire, the pack they are
/// sealed into — kept and reused instead of allocated per block. A gigabyte sent as 16 KiB arrays
/// that live until their group is written is a gigabyte the collector promotes and the heap grows
/// by; on a virtual machine every page first touched costs as much as the disk write that follows.
/// Reused buffers keep the host's memory at a few groups whatever the upload's size.
/// </summary>
internal static class GroupBuffers
{
    /// <summary>The bytes of blocks one group holds.</summary>
    public const int GroupBytes = 32 * 1024 * 1024;

    /// <summary>The blocks one group holds at most.</summary>
    public const int GroupBlocks = 4096;

    // A buffer holds a whole group sealed: every block may add its seal's header.
    private const int BufferBytes = GroupBytes + (GroupBlocks * Blueprint.BuildingBlocks.Sync.BlockSeal.Overhead);

    // Enough for the groups one upload has in flight (read, sealed, written) and a second upload beside it.
    private const int Kept = 8;

    private static readonly ConcurrentBag<byte[]> Free = [];

    /// <summary>A buffer of at least <paramref name="length"/> bytes: a kept one when it fits, else one of its own.</summary>
    public static Lease Rent(int length) =>
        new(length > BufferBytes ? GC.AllocateUninitializedArray<byte>(length) : Free.TryTake(out var kept) ? kept : GC.AllocateUninitializedArray<byte>(BufferBytes));

    /// <summary>A rented buffer; disposing gives it back (once).</summary>
    public sealed class Lease(byte[] buffer) : IDisposable
    {
        private int _returned;

        public byte[] Buffer => buffer;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _returned, 1) == 0 && buffer.Length == BufferBytes && Free.Count < Kept)
            {
                Free.Add(buffer);
            }
        }
    }
}
