namespace Blueprint.BuildingBlocks.Ids;

/// <summary>A checkpoint that forgets on restart: for tests and for generators whose worker id is leased afresh.</summary>
public sealed class InMemorySnowflakeCheckpoint : ISnowflakeCheckpoint
{
    private long _reserved;

    /// <summary>Starts from a reservation, e.g. one read from a shared store.</summary>
    public InMemorySnowflakeCheckpoint(long reservedUntilMilliseconds = 0) => _reserved = reservedUntilMilliseconds;

    /// <summary>How many times a reservation was saved.</summary>
    public int Saves { get; private set; }

    /// <inheritdoc />
    public long Load() => Volatile.Read(ref _reserved);

    /// <inheritdoc />
    public void Save(long reservedUntilMilliseconds)
    {
        Volatile.Write(ref _reserved, reservedUntilMilliseconds);
        Saves++;
    }
}
