using Blueprint.Capacity.Api;
using Blueprint.Infrastructure.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Blueprint.Capacity;

/// <summary>The capacity estimation module: the design method of the seeds, as an API and a page at /capacity.</summary>
public static class CapacityModule
{
    public static IHostApplicationBuilder AddCapacity(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapCapacity(this IEndpointRouteBuilder app)
    {
        app.MapCapacityApi();
        app.MapEmbeddedPage("/capacity", typeof(CapacityModule).Assembly, "page/capacity.html");
        return app;
    }
}
