using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace Blueprint.Host.Hosting;

/// <summary>
/// Kestrel's buffers, in blocks of 64 KiB instead of its own pool's 4 KiB. A socket read fills at
/// most one block, so a request body arrived 4 KiB per receive call: a 1 GiB upload made some
/// 262,000 calls, and the kernel's per-call work was 15 % of the host's CPU (perf). A block rented
/// for a small request is touched only as far as its bytes reach, and Kestrel rents one only once
/// data has arrived, so idle connections still hold none. Blocks are pinned (the socket writes
/// into them) and reused; at most <see cref="KeptBlocks"/> are kept when returned.
/// </summary>
internal sealed class LargeBlockMemoryPool : MemoryPool<byte>
{
    /// <summary>The length of every block.</summary>
    public const int BlockLength = 64 * 1024;

    // 64 MiB kept at most: what a few hundred connections reading at once need.
    private const int KeptBlocks = 1024;

    private readonly ConcurrentQueue<byte[]> _free = new();

    private long _rented;

    public override int MaxBufferSize => BlockLength;

    /// <summary>How many blocks were rented, ever: a transport reading 1 GiB through it rents 16,384 at least.</summary>
    public long Rented => Interlocked.Read(ref _rented);

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockLength);
        Interlocked.Increment(ref _rented);
        return new Block(this, _free.TryDequeue(out var kept) ? kept : GC.AllocateUninitializedArray<byte>(BlockLength, pinned: true));
    }

    protected override void Dispose(bool disposing) => _free.Clear();

    private void Return(byte[] block)
    {
        if (_free.Count < KeptBlocks)
        {
            _free.Enqueue(block);
        }
    }

    private sealed class Block(LargeBlockMemoryPool pool, byte[] array) : IMemoryOwner<byte>
    {
        private byte[]? _array = array;

        public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(Block));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _array, null) is { } returned)
            {
                pool.Return(returned);
            }
        }
    }

    /// <summary>Gives Kestrel (and anything else asking the container for a pool) this pool.</summary>
    internal sealed class Factory : IMemoryPoolFactory<byte>
    {
        private readonly ConcurrentQueue<LargeBlockMemoryPool> _made = new();

        /// <summary>The pools this factory made (Kestrel makes one per transport queue).</summary>
        public IReadOnlyCollection<LargeBlockMemoryPool> Made => _made;

        public MemoryPool<byte> Create(MemoryPoolOptions? options = null)
        {
            var pool = new LargeBlockMemoryPool();
            _made.Enqueue(pool);
            return pool;
        }
    }
}
