using Blueprint.Infrastructure.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Blueprint.BuildingBlocks.Services.Hashing;

/// <summary>Consistent hashing (seed 003 §5): the ring drawn, keys placed, schemes compared.</summary>
public static class HashingModule
{
    public static IHostApplicationBuilder AddHashing(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapHashing(this IEndpointRouteBuilder app)
    {
        app.MapHashingApi();
        app.MapEmbeddedPage("/hashing", typeof(HashingModule).Assembly, "page/hashing.html");
        return app;
    }
}
