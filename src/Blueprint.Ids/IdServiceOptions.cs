using Blueprint.BuildingBlocks.Ids;

namespace Blueprint.Ids;

/// <summary>The ID service's settings, section <c>Ids</c>.</summary>
public sealed class IdServiceOptions
{
    public const string Section = "Ids";

    /// <summary>The most IDs one request may ask for.</summary>
    public const int MaxBatch = 10_000;

    /// <summary>Time zero of the IDs' timestamps.</summary>
    public DateTimeOffset Epoch { get; set; } = new SnowflakeOptions().Epoch;

    public int TimestampBits { get; set; } = 41;

    public int DatacenterBits { get; set; } = 5;

    public int WorkerBits { get; set; } = 5;

    public int SequenceBits { get; set; } = 12;

    /// <summary>This host's datacenter.</summary>
    public int DatacenterId { get; set; }

    /// <summary>A fixed worker id; when null the host leases one from the shared store.</summary>
    public int? WorkerId { get; set; }

    /// <summary>How long a worker id lease lasts without renewal; renewed every third of it.</summary>
    public TimeSpan LeaseTimeToLive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How far the clock may step back before the generator refuses.</summary>
    public TimeSpan MaxClockRollback { get; set; } = TimeSpan.FromMilliseconds(50);

    internal SnowflakeLayout Layout => new(TimestampBits, DatacenterBits, WorkerBits, SequenceBits);

    internal SnowflakeOptions Generator(int workerId) => new()
    {
        Epoch = Epoch,
        Layout = Layout,
        DatacenterId = DatacenterId,
        WorkerId = workerId,
        MaxClockRollback = MaxClockRollback,
    };
}
