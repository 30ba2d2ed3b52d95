using Blueprint.RateLimiting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Yarp.ReverseProxy.Health;

namespace Blueprint.Gateway;

/// <summary>Builds the gateway: YARP in front of the configured hosts, plus its own status, health and metrics under /gateway.</summary>
public static class GatewayHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var options = Options(builder.Configuration);
        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new GatewayConfigurationException(string.Join(Environment.NewLine, errors));
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddProblemDetails();
        builder.Services.AddReverseProxy().LoadFromMemory(ProxyConfiguration.Routes(), ProxyConfiguration.Clusters(options));
        // YARP counts transport failures over 60 s by default, so a host that comes back is marked
        // down again by its own old failures for up to a minute; a window of a few probes forgets them.
        builder.Services.Configure<TransportFailureRateHealthPolicyOptions>(policy =>
        {
            policy.DetectionWindowSize = options.HealthCheckInterval * 3;
            policy.MinimalTotalCountThreshold = 3;
        });
        // The rate limiter in front of every system (003 §4): the same rules file and Redis as the hosts'.
        builder.Services.AddRuleRateLimiting(builder.Configuration);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("blueprint-gateway"))
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddMeter("Yarp.ReverseProxy", RateLimitMetrics.MeterName).AddPrometheusExporter());

        var app = builder.Build();
        app.UseStatusCodePages();
        app.MapGatewayStatus();
        app.MapGet("/gateway/health", () => TypedResults.Ok("live"));
        app.MapPrometheusScrapingEndpoint("/gateway/metrics");
        app.UseRuleRateLimiting();
        app.MapReverseProxy();
        return app;
    }

    private static GatewayOptions Options(ConfigurationManager configuration)
    {
        var options = new GatewayOptions();
        configuration.GetSection(GatewayOptions.Section).Bind(options);
        // --backends a,b,c replaces the list from appsettings.json.
        if (configuration["backends"] is { Length: > 0 } list)
        {
            options.Backends.Clear();
            foreach (var backend in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                options.Backends.Add(backend);
            }
        }

        return options;
    }
}
