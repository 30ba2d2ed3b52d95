using Blueprint.Capacity.Api;
using Blueprint.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Blueprint.Capacity;

/// <summary>The capacity estimation module: the design method of the seeds, as an API and a page at /capacity.</summary>
public static class CapacityModule
{
    /// <summary>How the host runs this system.</summary>
    public static BlueprintModule Descriptor { get; } = new("capacity", "Capacity estimation", "000 §1–2; 003 §2–3", "Blueprint.Capacity")
    {
        PagePath = "/capacity",
        ApiTag = "Capacity",
        Add = b => b.AddCapacity(),
        Map = e => e.MapCapacity(),
    };

    public static IHostApplicationBuilder AddCapacity(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapCapacity(this IEndpointRouteBuilder app)
    {
        app.MapCapacityApi();
        app.MapEmbeddedPage("/capacity", typeof(CapacityModule).Assembly, "page/capacity.html");
        return app;
    }
}
