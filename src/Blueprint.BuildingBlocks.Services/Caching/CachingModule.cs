using Blueprint.Infrastructure.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Blueprint.BuildingBlocks.Services.Caching;

/// <summary>Cache eviction (seed 000 §7.9, 003 §1): hit ratios of LRU, LFU, FIFO and segmented LRU on a trace, drawn.</summary>
public static class CachingModule
{
    public static IHostApplicationBuilder AddCaching(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapCaching(this IEndpointRouteBuilder app)
    {
        app.MapCachingApi();
        app.MapEmbeddedPage("/cache", typeof(CachingModule).Assembly, "page/cache.html");
        return app;
    }
}
