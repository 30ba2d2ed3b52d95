using System.Globalization;
using System.Text;
using Blueprint.BuildingBlocks.Ids;
using Blueprint.Ids.Contracts;
using Blueprint.Infrastructure.Caching;

namespace Blueprint.Ids;

/// <summary>A Snowflake checkpoint kept in the shared store beside the worker's lease.</summary>
internal sealed class SharedStoreCheckpoint(ICacheStore store, string key, long floor) : ISnowflakeCheckpoint
{
    private long _floor = floor;

    public long Load() => Volatile.Read(ref _floor);

    // Called from Next() only when the reservation ran out: the first ID after an idle spell, or
    // when the background's ReserveAheadAsync could not keep up. The wait is one round trip to the
    // store; if the store cannot take it, no ID past the old reservation is issued (a 503).
    public void Save(long reservedUntilMilliseconds) =>
        SaveAsync(reservedUntilMilliseconds, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public async ValueTask SaveAsync(long reservedUntilMilliseconds, CancellationToken cancellationToken)
    {
        try
        {
            await store.SetAsync(key, Encoding.ASCII.GetBytes(reservedUntilMilliseconds.ToString(CultureInfo.InvariantCulture)), cancellationToken: cancellationToken);
        }
        catch (Exception error) when (error is not (OutOfMemoryException or OperationCanceledException))
        {
            throw new IdsUnavailableException($"The worker id's reservation could not be saved to the shared store ({error.Message}); no ID is issued past the last saved one.");
        }

        Volatile.Write(ref _floor, reservedUntilMilliseconds);
    }
}
