using Blueprint.Modules;
using Blueprint.RateLimiting.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Blueprint.RateLimiting;

/// <summary>The rate limiter as a Blueprint module: the middleware, the decision service and the page.</summary>
public static class RateLimiterModule
{
    /// <summary>How the host runs this system.</summary>
    public static BlueprintModule Descriptor { get; } = new("rate-limiter", "Rate limiter (in the API gateway)", "003 §1, §4", "Blueprint.RateLimiting")
    {
        PagePath = "/ratelimit",
        ApiTag = "Rate limiter",
        Note = "Rules from RateLimiting:Rules (ratelimits.yaml beside the host is an example); counters in Redis when configured. The gateway applies the same rules.",
        Add = b => b.AddRateLimiter(),
        // After authentication, so the limiter knows who the caller is.
        Use = pipeline => pipeline.UseRuleRateLimiting(),
        Map = e => e.MapRateLimiter(),
    };

    /// <summary>Registers the rules, the store and the limiter.</summary>
    public static IHostApplicationBuilder AddRateLimiter(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRuleRateLimiting(builder.Configuration);
        return builder;
    }

    /// <summary>Maps /api/ratelimit and /ratelimit; the middleware joins the pipeline through the descriptor's Use.</summary>
    public static IEndpointRouteBuilder MapRateLimiter(this IEndpointRouteBuilder app)
    {
        app.MapRateLimitApi();
        app.MapEmbeddedPage("/ratelimit", typeof(RateLimiterModule).Assembly, "page/ratelimit.html");
        return app;
    }
}
