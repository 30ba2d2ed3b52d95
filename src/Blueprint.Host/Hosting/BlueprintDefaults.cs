using System.Text.Json.Serialization;
using Blueprint.Infrastructure;
using Microsoft.AspNetCore.Connections;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Scalar.AspNetCore;

namespace Blueprint.Host.Hosting;

/// <summary>The plumbing every Blueprint host shares: ProblemDetails, JSON, OpenAPI, metrics, health.</summary>
internal static class BlueprintDefaults
{
    public static IHostApplicationBuilder AddBlueprintDefaults(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IMemoryPoolFactory<byte>, LargeBlockMemoryPool.Factory>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier));
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Malformed requests throw, so the exception handler can say exactly what was wrong with them.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<BlueprintOpenApiDocument>();
            options.AddOperationTransformer<SignedInOperations>();
            options.AddSchemaTransformer<RequestFieldNullability>();
        });
        // Modules that need callers register schemes (Blueprint.Identity); the middleware runs either way.
        services.AddAuthentication();
        services.AddAuthorization();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("blueprint"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                // Kestrel's pool counts every 4 KiB buffer it rents and returns: a 1 GiB upload made
                // half a million updates, 2-3 % of the host's CPU (perf). Its allocations stay counted.
                .AddView(instrument => instrument.Meter.Name == "Microsoft.AspNetCore.MemoryPool"
                    && instrument.Name is "aspnetcore.memory_pool.rented" or "aspnetcore.memory_pool.pooled"
                    ? MetricStreamConfiguration.Drop
                    : null)
                .AddRuntimeInstrumentation()
                .AddMeter("Blueprint.*")
                .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication UseBlueprintDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Files are served at paths with an extension, and index.html at /. Every other path (a short
        // link, an API) skips the file system probe, which cost a redirect a fifth of its throughput.
        app.UseWhen(
            context => context.Request.Path == "/" || Path.HasExtension(context.Request.Path.Value),
            files => files.UseDefaultFiles().UseStaticFiles());
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        // The reference runs offline: no hosted AI agent, MCP, SDK or deploy buttons, fonts from a CDN or telemetry.
        app.MapScalarApiReference("/api", options => options
            .WithTitle("Blueprint API")
            .AddPreferredSecuritySchemes(BlueprintOpenApiDocument.Bearer)
            .EnablePersistentAuthentication()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .HideClientButton()
            .DisableDefaultFonts()
            .DisableTelemetry());
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new()
        {
            Predicate = check => check.Tags.Contains(InfrastructureRegistration.ReadyTag),
            ResponseWriter = ReadinessResponse.WriteAsync,
        });
        return app;
    }
}
