using System.Globalization;
using System.Text;
using Blueprint.Infrastructure.Caching;

namespace Blueprint.Ids;

/// <summary>
/// A worker id held under a lease in the shared store (Redis when configured), so hosts that come and
/// go under an autoscaler never share one. Each lease key holds its owner's random token; renewal is
/// a compare-and-set on that token, so a host that lost its lease cannot renew someone else's.
/// </summary>
/// <remarks>
/// The host stops issuing at <see cref="ValidUntil"/>, a tenth of the time to live before the store
/// would let the id go, so two holders never overlap while clocks run at the same rate. Beside each
/// lease the store keeps the worker's Snowflake reservation (the floor), which the generator saves
/// before issuing past it; the next holder starts above it, so IDs never repeat across holders.
/// </remarks>
internal sealed class WorkerLease
{
    private readonly ICacheStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeToLive;
    private readonly byte[] _token;

    private WorkerLease(ICacheStore store, TimeProvider time, TimeSpan timeToLive, int datacenterId, int workerId, byte[] token, DateTimeOffset validUntil)
    {
        _store = store;
        _time = time;
        _timeToLive = timeToLive;
        DatacenterId = datacenterId;
        WorkerId = workerId;
        _token = token;
        ValidUntil = validUntil;
    }

    public int DatacenterId { get; }

    public int WorkerId { get; }

    /// <summary>The last moment this host may issue IDs under this lease without renewing.</summary>
    public DateTimeOffset ValidUntil { get; private set; }

    public bool IsValid => _time.GetUtcNow() < ValidUntil;

    public string FloorKey => FloorKeyFor(DatacenterId, WorkerId);

    /// <summary>Takes the first free worker id, trying them from a random start; null when all are taken.</summary>
    public static async Task<WorkerLease?> AcquireAsync(ICacheStore store, TimeProvider time, TimeSpan timeToLive, int datacenterId, int maxWorkerId, CancellationToken cancellationToken)
    {
        var token = Encoding.ASCII.GetBytes(Guid.NewGuid().ToString("N"));
        var start = Random.Shared.Next(maxWorkerId + 1);
        for (var i = 0; i <= maxWorkerId; i++)
        {
            var workerId = (start + i) % (maxWorkerId + 1);
            var requested = time.GetUtcNow();
            if (await store.SetIfAbsentAsync(LeaseKeyFor(datacenterId, workerId), token, timeToLive, cancellationToken))
            {
                return new WorkerLease(store, time, timeToLive, datacenterId, workerId, token, requested + (timeToLive * 0.9));
            }
        }

        return null;
    }

    /// <summary>Extends the lease; false when it is no longer ours (expired and taken, or deleted).</summary>
    public async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        var requested = _time.GetUtcNow();
        if (!await _store.CompareAndSetAsync(LeaseKeyFor(DatacenterId, WorkerId), _token, _token, _timeToLive, cancellationToken))
        {
            ValidUntil = DateTimeOffset.MinValue;
            return false;
        }

        ValidUntil = requested + (_timeToLive * 0.9);
        return true;
    }

    /// <summary>Gives the id back at shutdown so the next host need not wait for expiry.</summary>
    /// <remarks>
    /// A compare-and-set that lets our own value expire at once, rather than a read then a delete:
    /// between those two, the lease could expire and be taken, and the delete would free someone else's.
    /// </remarks>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        ValidUntil = DateTimeOffset.MinValue;
        await _store.CompareAndSetAsync(LeaseKeyFor(DatacenterId, WorkerId), _token, _token, TimeSpan.FromMilliseconds(1), cancellationToken);
    }

    /// <summary>The reservation the worker id's previous holders saved, or 0.</summary>
    public async Task<long> ReadFloorAsync(CancellationToken cancellationToken) =>
        await _store.GetAsync(FloorKey, cancellationToken) is { } bytes
            ? long.Parse(Encoding.ASCII.GetString(bytes), NumberStyles.None, CultureInfo.InvariantCulture)
            : 0;

    private static string LeaseKeyFor(int datacenterId, int workerId) => string.Create(CultureInfo.InvariantCulture, $"ids:lease:{datacenterId}:{workerId}");

    private static string FloorKeyFor(int datacenterId, int workerId) => string.Create(CultureInfo.InvariantCulture, $"ids:floor:{datacenterId}:{workerId}");
}
