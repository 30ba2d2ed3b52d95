using Blueprint.BuildingBlocks.Ids;
using Blueprint.Ids.Contracts;
using Blueprint.Infrastructure;
using Blueprint.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Blueprint.Ids;

/// <summary>The unique ID service (seed 003 §7): Snowflake IDs under a leased worker id, and the seed's other schemes beside it.</summary>
public static class IdsModule
{
    /// <summary>How the host runs this system; it serves <see cref="IUniqueIds"/> to any module of the host that needs it.</summary>
    public static BlueprintModule Descriptor { get; } = new("ids", "Unique ID generator (Snowflake)", "003 §7", "Blueprint.Ids, over Blueprint.BuildingBlocks (Ids)")
    {
        PagePath = "/ids",
        ApiTag = "IDs",
        Note = "Worker ids leased from the cache port (Redis when configured).",
        Provides = [new ModuleContract(typeof(IUniqueIds), b => b.AddUniqueIds())],
        Add = b => b.AddIds(),
        Map = e => e.MapIds(),
    };

    public static IHostApplicationBuilder AddIds(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddUniqueIds();
        builder.Services.AddSingleton<TicketServer>();
        builder.Services.AddSingleton(sp => new UuidV7Generator(sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new UlidGenerator(sp.GetRequiredService<TimeProvider>()));
        return builder;
    }

    /// <summary>
    /// This host's Snowflake issuer and its worker lease, as <see cref="IUniqueIds"/> — for modules
    /// that need unique IDs without the ID service's API. Registered once however many modules ask.
    /// </summary>
    public static IHostApplicationBuilder AddUniqueIds(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(d => d.ServiceType == typeof(IdIssuer)))
        {
            return builder;
        }

        builder.Services.AddOptions<IdServiceOptions>()
            .Bind(builder.Configuration.GetSection(IdServiceOptions.Section))
            .Validate(o => o.LeaseTimeToLive >= TimeSpan.FromSeconds(1), "Ids:LeaseTimeToLive must be at least 1 second.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IdIssuer>();
        builder.Services.AddSingleton<IUniqueIds>(sp => sp.GetRequiredService<IdIssuer>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IdIssuer>());
        builder.Services.AddHealthChecks().AddCheck<WorkerReadinessCheck>("ids", tags: [InfrastructureRegistration.ReadyTag]);
        return builder;
    }

    public static IEndpointRouteBuilder MapIds(this IEndpointRouteBuilder app)
    {
        app.MapIdsApi();
        app.MapEmbeddedPage("/ids", typeof(IdsModule).Assembly, "page/ids.html");
        return app;
    }
}
