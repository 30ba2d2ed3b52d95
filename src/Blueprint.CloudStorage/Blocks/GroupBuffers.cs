using System.Buffers;
using System.Collections.Concurrent;
using Blueprint.Infrastructure.Blobs;

namespace Blueprint.CloudStorage.Blocks;

/// <summary>
/// The buffers an upload works in — a group of blocks read off the wire, the pack they are sealed
/// into — reused instead of allocated per block. A gigabyte sent as 16 KiB arrays that live until
/// their group is written is a gigabyte the collector promotes and the heap grows by; on a virtual
/// machine every page first touched costs as much as the disk write that follows. Small needs (a
/// file of a few blocks) come from the shared array pool, so many small uploads at once do not each
/// hold a group's worth; large ones from a few kept group-sized buffers, or, when those are all in
/// use, from an array of just the size asked. Kept buffers are pinned, so a pack sealed into one from
/// a page boundary is written to disk straight from it.
/// </summary>
internal static class GroupBuffers
{
    /// <summary>The bytes of blocks one group holds.</summary>
    public const int GroupBytes = 32 * 1024 * 1024;

    /// <summary>The blocks one group holds at most.</summary>
    public const int GroupBlocks = 4096;

    /// <summary>Room a pack buffer needs beyond its sealed blocks: it starts at a page boundary (<see cref="PageAlignment"/>).</summary>
    public const int PageSlack = PageAlignment.Bytes;

    // A kept buffer holds a whole group sealed (every block may add its seal's header) from a page boundary.
    private const int KeptBytes = GroupBytes + (GroupBlocks * Blueprint.BuildingBlocks.Sync.BlockSeal.Overhead) + PageSlack;

    // Up to this much comes from the shared pool.
    private const int SmallBytes = 1024 * 1024;

    // Enough for the groups one upload usually has in flight (one read; five stored, each holding its
    // blocks until sealed and then only its pack while it is written); beyond them, arrays are
    // allocated and dropped, so an idle host keeps at most this many.
    private const int Kept = 8;

    private static readonly ConcurrentBag<byte[]> Free = [];

    private static int s_made;

    /// <summary>A buffer of at least <paramref name="length"/> bytes.</summary>
    public static Lease Rent(int length) => length switch
    {
        <= SmallBytes => new Lease(ArrayPool<byte>.Shared.Rent(Math.Max(length, 1)), pooled: true),
        <= KeptBytes when Free.TryTake(out var kept) => new Lease(kept, pooled: false),
        <= KeptBytes when Interlocked.Increment(ref s_made) <= Kept => new Lease(GC.AllocateUninitializedArray<byte>(KeptBytes, pinned: true), pooled: false),
        _ => new Lease(GC.AllocateUninitializedArray<byte>(length), pooled: false),
    };

    /// <summary>
    /// A buffer for <paramref name="needed"/> bytes that begins with the first <paramref name="used"/>
    /// bytes of <paramref name="lease"/>, which is given back. It grows by doubling up to a group, so a
    /// small batch stays small; past a group (one block that large) it is just the size needed.
    /// </summary>
    public static Lease Grow(Lease lease, int used, int needed)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var grown = Rent(needed > GroupBytes ? needed : Math.Min(GroupBytes, Math.Max(needed, 2 * lease.Buffer.Length)));
        lease.Buffer.AsSpan(0, used).CopyTo(grown.Buffer);
        lease.Dispose();
        return grown;
    }

    /// <summary>A rented buffer; disposing gives it back (once).</summary>
    public sealed class Lease(byte[] buffer, bool pooled) : IDisposable
    {
        private int _returned;

        public byte[] Buffer => buffer;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _returned, 1) != 0)
            {
                return;
            }

            if (pooled)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            else if (buffer.Length == KeptBytes && Free.Count < Kept)
            {
                Free.Add(buffer);
            }
        }
    }
}
