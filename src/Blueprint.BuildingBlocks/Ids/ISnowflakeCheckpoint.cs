namespace Blueprint.BuildingBlocks.Ids;

/// <summary>
/// Durable memory of how far a generator may have issued, so that a restart onto a clock that went
/// back never repeats an ID. The generator saves a timestamp ahead of what it issues, rarely.
/// </summary>
public interface ISnowflakeCheckpoint
{
    /// <summary>The reserved timestamp (milliseconds since the epoch) last saved, or 0 when there is none.</summary>
    long Load();

    /// <summary>Saves a new reservation durably before any ID up to it is handed out.</summary>
    void Save(long reservedUntilMilliseconds);

    /// <summary>
    /// Saves as <see cref="Save"/> does, for callers off the hot path
    /// (<see cref="SnowflakeGenerator.ReserveAheadAsync"/>); a checkpoint kept across a network
    /// overrides it so that nothing blocks a thread on the round trip.
    /// </summary>
    ValueTask SaveAsync(long reservedUntilMilliseconds, CancellationToken cancellationToken)
    {
        Save(reservedUntilMilliseconds);
        return ValueTask.CompletedTask;
    }
}
