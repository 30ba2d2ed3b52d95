using Blueprint.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Blueprint.Hashing;

/// <summary>Consistent hashing (seed 003 §5): the ring drawn, keys placed, schemes compared.</summary>
public static class HashingModule
{
    /// <summary>How the host runs this system.</summary>
    public static BlueprintModule Descriptor { get; } = new("hashing", "Consistent hashing", "003 §5", "Blueprint.Hashing, over Blueprint.BuildingBlocks (Hashing)")
    {
        PagePath = "/hashing",
        ApiTag = "Consistent hashing",
        Note = "Also: blueprint hashing simulate.",
        Add = b => b.AddHashing(),
        Map = e => e.MapHashing(),
    };

    public static IHostApplicationBuilder AddHashing(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapHashing(this IEndpointRouteBuilder app)
    {
        app.MapHashingApi();
        app.MapEmbeddedPage("/hashing", typeof(HashingModule).Assembly, "page/hashing.html");
        return app;
    }
}
