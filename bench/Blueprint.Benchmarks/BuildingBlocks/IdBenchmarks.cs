using BenchmarkDotNet.Attributes;
using Blueprint.BuildingBlocks.Ids;

namespace Blueprint.Benchmarks.BuildingBlocks;

/// <summary>
/// IDs per second on one thread, every scheme of seed 003 §7 that runs in process, against the
/// framework's <see cref="Guid.CreateVersion7()"/>. The seed's layout is bound by its sequence:
/// 4,096 IDs per millisecond per worker; the wide layout shows the generator's own cost.
/// </summary>
[MemoryDiagnoser]
public class IdBenchmarks
{
    private readonly SnowflakeGenerator _snowflake = new(new SnowflakeOptions { WorkerId = 1 });
    private readonly SnowflakeGenerator _wideSequence = new(new SnowflakeOptions { Layout = new SnowflakeLayout(41, 0, 0, 22) });
    private readonly UuidV7Generator _uuidV7 = new();
    private readonly UlidGenerator _ulid = new();
    private readonly MultiMasterIdGenerator _multiMaster = new(0, 3);

    [Benchmark(Baseline = true, Description = "Guid.CreateVersion7 (framework)")]
    public Guid FrameworkUuidV7() => Guid.CreateVersion7();

    [Benchmark(Description = "Snowflake 41/5/5/12 (sequence-bound)")]
    public long Snowflake() => _snowflake.Next();

    [Benchmark(Description = "Snowflake 41/0/0/22 (not sequence-bound)")]
    public long SnowflakeWideSequence() => _wideSequence.Next();

    [Benchmark(Description = "UUID v7, monotonic (RFC 9562 §6.2)")]
    public Guid MonotonicUuidV7() => _uuidV7.Next();

    [Benchmark(Description = "UUID v4")]
    public Guid UuidV4() => UuidV4Generator.Next();

    [Benchmark(Description = "ULID, monotonic")]
    public Ulid Ulid() => _ulid.Next();

    [Benchmark(Description = "multi-master (k = 3)")]
    public long MultiMaster() => _multiMaster.Next();
}
