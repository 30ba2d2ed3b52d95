using BenchmarkDotNet.Attributes;
using Blueprint.BuildingBlocks.Ids;
using Blueprint.Ids;
using Blueprint.Infrastructure;
using Blueprint.Infrastructure.Relational;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Blueprint.Benchmarks.BuildingBlocks;

/// <summary>
/// The ticket server (one PostgreSQL sequence, one round trip per ID) against a Snowflake generator
/// in process: the cost of the seed's single point of coordination.
/// PostgreSQL: set BLUEPRINT_BENCH_POSTGRES (bench/run-with-engines.sh does).
/// </summary>
public class TicketServerBenchmarks
{
    private readonly SnowflakeGenerator _snowflake = new(new SnowflakeOptions { Layout = new SnowflakeLayout(41, 0, 0, 22) });
    private ServiceProvider _services = null!;
    private TicketServer _tickets = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["ConnectionStrings:Postgres"] = Environment.GetEnvironmentVariable("BLUEPRINT_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("Set BLUEPRINT_BENCH_POSTGRES to a connection string, or run bench/run-with-engines.sh.");
        builder.AddBlueprintInfrastructure();
        _services = builder.Services.BuildServiceProvider();
        _tickets = new TicketServer(_services.GetRequiredService<IRelationalDatabases>());
        await _tickets.NextAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _tickets.Dispose();
        await _services.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "Snowflake in process")]
    public long Snowflake() => _snowflake.Next();

    [Benchmark(Description = "ticket server: PostgreSQL nextval, one ID")]
    public ValueTask<long> Ticket() => _tickets.NextAsync();

    [Benchmark(Description = "ticket server: 100 IDs in one round trip", OperationsPerInvoke = 100)]
    public Task<long[]> TicketBatch() => _tickets.NextAsync(100);
}
