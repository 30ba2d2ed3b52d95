using System.Net;
using Blueprint.UrlShortener.Caching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Blueprint.UrlShortener.Tests;

/// <summary>The cache in front of redirects: negative entries, invalidation across hosts, and Redis down.</summary>
public sealed class RedirectCacheTests
{
    private static HttpClient Visitor(BlueprintFactory host) => host.CreateClient(new() { AllowAutoRedirect = false });

    private static async Task<string> CreateAsync(BlueprintFactory host, string url)
    {
        var user = await SignedInClient.SignUpAsync(host.CreateClient());
        return (await user.JsonAsync(HttpMethod.Post, "/api/urls", new { url }, HttpStatusCode.Created)).GetProperty("key").GetString()!;
    }

    [Fact]
    public async Task AScanOfUnknownKeys_ReachesTheDatabaseOncePerKey()
    {
        using var host = new BlueprintFactory([]);
        var visitor = Visitor(host);
        var cache = host.Services.GetRequiredService<LinkCache>();
        var before = cache.Loads;

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(new Uri("/NoSuchKey42", UriKind.Relative))).StatusCode);
        }

        Assert.Equal(1, cache.Loads - before);
    }

    [Fact]
    public async Task ALinkCreatedAfterItsKeyWasProbed_IsFoundAtOnce()
    {
        using var host = new BlueprintFactory([]);
        var visitor = Visitor(host);
        var alias = $"later-{Guid.NewGuid():N}"[..16];
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(new Uri($"/{alias}", UriKind.Relative))).StatusCode);

        var user = await SignedInClient.SignUpAsync(host.CreateClient());
        await user.JsonAsync(HttpMethod.Post, "/api/urls", new { url = "https://example.com/later", alias }, HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.Found, (await visitor.GetAsync(new Uri($"/{alias}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ADeletedLink_IsGoneOnEveryHost_NotOnlyTheOneThatDeletedIt()
    {
        Dictionary<string, string?> Shared() => RealEngineSettings.Postgres().WithRedis();
        using var first = new BlueprintFactory(Shared());
        using var second = new BlueprintFactory(Shared());
        var user = await SignedInClient.SignUpAsync(first.CreateClient());
        var key = (await user.JsonAsync(HttpMethod.Post, "/api/urls", new { url = "https://example.com/short-lived" }, HttpStatusCode.Created)).GetProperty("key").GetString();
        var onSecond = Visitor(second);
        Assert.Equal(HttpStatusCode.Found, (await onSecond.GetAsync(new Uri($"/{key}", UriKind.Relative))).StatusCode); // now cached there

        await user.JsonAsync(HttpMethod.Delete, $"/api/urls/{key}", expected: HttpStatusCode.NoContent);

        await Poll.UntilAsync(async () => (await onSecond.GetAsync(new Uri($"/{key}", UriKind.Relative))).StatusCode == HttpStatusCode.Gone, 5_000);
    }

    [Fact]
    public async Task RedisDown_RedirectsStillWork_FromTheDatabase_WithOneLogLine()
    {
        using var host = new BlueprintFactory(new()
        {
            ["ConnectionStrings:Postgres"] = RealEngines.Postgres,
            ["ConnectionStrings:Redis"] = "127.0.0.1:1,connectTimeout=200,connectRetry=0",
            // Snowflake worker ids need the shared store; key ranges need only the database.
            ["UrlShortener:KeyDesign"] = "key-ranges",
        });
        var key = await CreateAsync(host, "https://example.com/without-redis");
        var visitor = Visitor(host);

        for (var i = 0; i < 3; i++)
        {
            using var redirect = await visitor.GetAsync(new Uri($"/{key}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
            Assert.Equal("https://example.com/without-redis", redirect.Headers.Location?.ToString());
        }

        Assert.Single(host.Logs, l => l.Level == LogLevel.Warning && l.Message.Contains("shared cache (Redis) failed", StringComparison.Ordinal));
    }
}
