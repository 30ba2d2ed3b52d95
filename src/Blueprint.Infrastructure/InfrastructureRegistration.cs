using Blueprint.Infrastructure.Backends;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Blueprint.Infrastructure;

/// <summary>Wires the four ports to the engines the configuration names: embedded by default, real engines when their setting is present.</summary>
public static class InfrastructureRegistration
{
    /// <summary>The directory for embedded engines' files (SQLite databases, blobs).</summary>
    public const string DataDirectorySetting = "Blueprint:DataDirectory";

    /// <summary>The health-check tag that /health/ready reports.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Registers every port, a readiness check per port, and a start-up line per engine.</summary>
    public static IReadOnlyList<BackendDescription> AddBlueprintInfrastructure(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        var dataDirectory = Path.GetFullPath(builder.Configuration[DataDirectorySetting] ?? "data");

        BackendDescription[] backends =
        [
            RelationalBackend.Register(services, builder.Configuration, dataDirectory),
            CacheBackend.Register(services, builder.Configuration),
            MessagingBackend.Register(services, builder.Configuration),
            BlobBackend.Register(services, builder.Configuration, dataDirectory),
        ];

        var health = services.AddHealthChecks();
        foreach (var backend in backends)
        {
            health.Add(new HealthCheckRegistration(
                backend.Port,
                sp => new BackendHealthCheck(sp.GetServices<IBackendProbe>().Single(p => p.Backend.Port == backend.Port)),
                HealthStatus.Unhealthy,
                [ReadyTag]));
        }

        services.AddSingleton<IReadOnlyList<BackendDescription>>(backends);
        services.AddHostedService<BackendStartupCheck>();
        return backends;
    }
}
