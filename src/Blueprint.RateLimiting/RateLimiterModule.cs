using Blueprint.RateLimiting.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Blueprint.RateLimiting;

/// <summary>The rate limiter as a Blueprint module: the middleware, the decision service and the page.</summary>
public static class RateLimiterModule
{
    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = typeof(RateLimiterModule).Assembly.GetManifestResourceStream("page/ratelimit.html")
            ?? throw new InvalidOperationException("The rate limiter's page is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>Registers the rules, the store and the limiter.</summary>
    public static IHostApplicationBuilder AddRateLimiter(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRuleRateLimiting(builder.Configuration);
        return builder;
    }

    /// <summary>Limits the host's requests and maps /api/ratelimit and /ratelimit.</summary>
    public static IEndpointRouteBuilder MapRateLimiter(this IEndpointRouteBuilder app)
    {
        // The host hands modules its WebApplication, which is its pipeline as well as its endpoints;
        // here, after authentication, the middleware knows who the caller is.
        if (app is IApplicationBuilder pipeline)
        {
            pipeline.UseRuleRateLimiting();
        }

        app.MapRateLimitApi();
        app.MapGet("/ratelimit", () => Results.Content(Page.Value, "text/html; charset=utf-8")).ExcludeFromDescription();
        return app;
    }
}
