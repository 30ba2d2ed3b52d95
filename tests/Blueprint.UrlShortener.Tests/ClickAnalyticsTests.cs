using System.Net;
using System.Text.Json;
using Blueprint.Infrastructure.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Blueprint.UrlShortener.Tests;

/// <summary>Clicks counted through the messaging port, per link per day, bots apart — in process and on PostgreSQL with RabbitMQ.</summary>
public abstract class ClickAnalyticsTests(Dictionary<string, string?> settings) : IDisposable
{
    private readonly BlueprintFactory _factory = new(settings);

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task FollowAsync(string key, string userAgent, string? referrer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{key}");
        request.Headers.UserAgent.ParseAdd(userAgent);
        if (referrer is not null)
        {
            request.Headers.Referrer = new Uri(referrer);
        }

        using var response = await _factory.CreateClient(new() { AllowAutoRedirect = false }).SendAsync(request);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
    }

    private static async Task<JsonElement> StatsOnceCountedAsync(SignedInClient owner, string key, long clicks, string query = "") =>
        JsonDocument.Parse(await Poll.ValueAsync(async () =>
        {
            var stats = await owner.JsonAsync(HttpMethod.Get, $"/api/urls/{key}/stats{query}");
            return stats.GetProperty("clicks").GetInt64() >= clicks ? stats.GetRawText() : null;
        })).RootElement;

    [Fact]
    public async Task Redirects_AreCountedPerDay_WithReferrersBrowsersAndVisitors_BotsExcludedOnRequest()
    {
        var alice = await SignedInClient.SignUpAsync(_factory.CreateClient());
        var key = (await alice.JsonAsync(HttpMethod.Post, "/api/urls", new { url = "https://example.com/counted" }, HttpStatusCode.Created)).GetProperty("key").GetString()!;
        const string Chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
        const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0";

        await FollowAsync(key, Chrome, "https://news.example/item?id=1");
        await FollowAsync(key, Chrome, "https://news.example/item?id=2");
        await FollowAsync(key, Firefox);
        await FollowAsync(key, "Googlebot/2.1 (+http://www.google.com/bot.html)");

        var all = await StatsOnceCountedAsync(alice, key, 4);
        var humans = await alice.JsonAsync(HttpMethod.Get, $"/api/urls/{key}/stats?excludeBots=true");

        Assert.Equal(4, all.GetProperty("clicks").GetInt64());
        Assert.Equal(3, humans.GetProperty("clicks").GetInt64());
        var today = Assert.Single(humans.GetProperty("days").EnumerateArray());
        Assert.Equal(2, today.GetProperty("uniqueVisitors").GetInt64()); // one Chrome and one Firefox visitor
        Assert.Equal([("news.example", 2L), ("direct", 1L)], humans.GetProperty("referrers").EnumerateArray().Select(r => (r.GetProperty("name").GetString(), r.GetProperty("clicks").GetInt64())));
        Assert.Equal([("Chrome", 2L), ("Firefox", 1L)], humans.GetProperty("agents").EnumerateArray().Select(a => (a.GetProperty("name").GetString(), a.GetProperty("clicks").GetInt64())));
        Assert.Contains(all.GetProperty("agents").EnumerateArray(), a => a.GetProperty("name").GetString() == "bot");
        var listed = Assert.Single((await alice.JsonAsync(HttpMethod.Get, "/api/urls")).GetProperty("links").EnumerateArray());
        Assert.Equal(3, listed.GetProperty("clicks").GetInt64()); // the history counts people, as the page shows
    }

    [Fact]
    public async Task ARedeliveredClick_IsCountedOnce()
    {
        var alice = await SignedInClient.SignUpAsync(_factory.CreateClient());
        var key = (await alice.JsonAsync(HttpMethod.Post, "/api/urls", new { url = "https://example.com/once" }, HttpStatusCode.Created)).GetProperty("key").GetString()!;
        var bus = _factory.Services.GetRequiredService<IMessageBus>();
        var click = JsonSerializer.SerializeToUtf8Bytes(new { eventId = Guid.NewGuid().ToString("N"), key, atMs = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds(), referrer = "direct", agent = "Chrome", bot = false, visitor = "v1" });

        var at = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var batch = JsonSerializer.SerializeToUtf8Bytes(new
        {
            batchId = Guid.NewGuid().ToString("N"),
            clicks = new[] { "v2", "v3" }.Select(visitor => new { eventId = Guid.NewGuid().ToString("N"), key, atMs = at, referrer = "direct", agent = "Chrome", bot = false, visitor }),
        });

        // A single click as earlier versions sent it, and a batch of two: each delivered twice.
        await bus.SendAsync("urls.clicks", new Message(click));
        await bus.SendAsync("urls.clicks", new Message(click));
        await bus.SendAsync("urls.clicks", new Message(batch));
        await bus.SendAsync("urls.clicks", new Message(batch));
        await FollowAsync(key, "Mozilla/5.0 Firefox/130.0");

        var stats = await StatsOnceCountedAsync(alice, key, 4);
        await Poll.NeverAsync(
            async () => (await alice.JsonAsync(HttpMethod.Get, $"/api/urls/{key}/stats")).GetProperty("clicks").GetInt64() != 4,
            "A redelivered click was counted twice");
        Assert.Equal(4, stats.GetProperty("clicks").GetInt64());
    }

    [Fact]
    public async Task AnotherUsersStats_AreNotFound_AndBadDaysAreNamed()
    {
        var alice = await SignedInClient.SignUpAsync(_factory.CreateClient());
        var mallory = await SignedInClient.SignUpAsync(_factory.CreateClient());
        var key = (await alice.JsonAsync(HttpMethod.Post, "/api/urls", new { url = "https://example.com/private" }, HttpStatusCode.Created)).GetProperty("key").GetString()!;

        await mallory.JsonAsync(HttpMethod.Get, $"/api/urls/{key}/stats", expected: HttpStatusCode.NotFound);
        var bad = await alice.JsonAsync(HttpMethod.Get, $"/api/urls/{key}/stats?days=0", expected: HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("days", out _));
    }
}

public sealed class EmbeddedClickAnalyticsTests() : ClickAnalyticsTests([]);

/// <summary>A broker that cannot be used never stops the host: redirects go on, and clicks wait for it, with a log line.</summary>
public sealed class BrokerUnavailableTests
{
    [Fact]
    public async Task AMisconfiguredBroker_LeavesRedirectsWorking_AndIsLogged()
    {
        using var host = new BlueprintFactory(new() { ["ConnectionStrings:RabbitMq"] = "not a uri" });
        var alice = await SignedInClient.SignUpAsync(host.CreateClient());
        var key = (await alice.JsonAsync(HttpMethod.Post, "/api/urls", new { url = "https://example.com/no-broker" }, HttpStatusCode.Created)).GetProperty("key").GetString();

        using var redirect = await host.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(new Uri($"/{key}", UriKind.Relative));
        await Poll.UntilAsync(() => host.Logs.Any(l => l.Message.Contains("cannot consume clicks", StringComparison.Ordinal)));
        using var live = await host.CreateClient().GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}

public sealed class PostgresRabbitMqClickAnalyticsTests()
    : ClickAnalyticsTests(RealEngineSettings.Postgres().WithRabbitMq());
