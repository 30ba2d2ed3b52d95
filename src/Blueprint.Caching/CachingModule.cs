using Blueprint.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Blueprint.Caching;

/// <summary>Cache eviction (seed 000 §7.9, 003 §1): hit ratios of LRU, LFU, FIFO and segmented LRU on a trace, drawn.</summary>
public static class CachingModule
{
    /// <summary>How the host runs this system.</summary>
    public static BlueprintModule Descriptor { get; } = new("cache", "Cache (LRU/LFU/FIFO, TTL, invalidation) and CDN", "000 §7.9; 003 §1", "Blueprint.Caching, over Blueprint.BuildingBlocks (Caching)")
    {
        PagePath = "/cache",
        ApiTag = "Caching",
        Note = "The CDN / edge cache in the gateway is not built yet. Also: blueprint cache simulate.",
        Add = b => b.AddCaching(),
        Map = e => e.MapCaching(),
    };

    public static IHostApplicationBuilder AddCaching(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapCaching(this IEndpointRouteBuilder app)
    {
        app.MapCachingApi();
        app.MapEmbeddedPage("/cache", typeof(CachingModule).Assembly, "page/cache.html");
        return app;
    }
}
