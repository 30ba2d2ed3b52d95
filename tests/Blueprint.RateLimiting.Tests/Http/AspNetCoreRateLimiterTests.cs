using System.Net;
using System.Threading.RateLimiting;
using Blueprint.BuildingBlocks.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Blueprint.RateLimiting.Tests.Http;

/// <summary>The algorithms inside ASP.NET Core's own rate limiting middleware (UseRateLimiter), through the System.Threading.RateLimiting adapters.</summary>
public sealed class AspNetCoreRateLimiterTests
{
    private static async Task<WebApplication> StartAsync(Action<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions> configure)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            configure(options);
        });
        var app = builder.Build();
        app.UseRateLimiter();
        app.MapGet("/", () => "ok");
        app.MapGet("/limited", () => "ok").RequireRateLimiting("two");
        await app.StartAsync();
        return app;
    }

    private static async Task<List<HttpStatusCode>> GetAsync(WebApplication app, int times, string user, string path = "/")
    {
        using var client = app.GetTestClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < times; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-User", user);
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    [Fact]
    public async Task AsTheGlobalLimiter_PerPartition_RefusesOverTheLimit()
    {
        await using var app = await StartAsync(options =>
        {
            options.GlobalLimiter = new AlgorithmPartitionedRateLimiter<HttpContext>(
                new SlidingWindowLog(new RateLimit(3, TimeSpan.FromHours(1))), http => http.Request.Headers["X-User"].ToString());
            options.AddPolicy("two", _ => RateLimitPartition.GetNoLimiter("none"));
        });

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], await GetAsync(app, 4, "alice"));
        Assert.Equal([HttpStatusCode.OK], await GetAsync(app, 1, "bob"));
    }

    [Fact]
    public async Task AsAPolicy_OneBudgetForEveryone()
    {
        var limiter = new AlgorithmRateLimiter(new FixedWindow(new RateLimit(2, TimeSpan.FromHours(1))));
        await using var app = await StartAsync(options => options.AddPolicy("two", _ => RateLimitPartition.Get("all", _ => limiter)));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], await GetAsync(app, 3, "alice", "/limited"));
        Assert.Equal([HttpStatusCode.TooManyRequests], await GetAsync(app, 1, "bob", "/limited"));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], await GetAsync(app, 3, "alice"));
    }
}
