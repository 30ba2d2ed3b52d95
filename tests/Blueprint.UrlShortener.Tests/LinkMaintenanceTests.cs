using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Blueprint.UrlShortener.Keys;
using Blueprint.Infrastructure.Messaging;
using Blueprint.UrlShortener.Links;
using Blueprint.UrlShortener.Storage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Blueprint.UrlShortener.Tests;

/// <summary>The background job: expired links retired after the retention, and the key space counted for /metrics.</summary>
public sealed class LinkMaintenanceTests
{
    // The job's own runs off, so only the test's run samples the key space (a start-up run could land after it).
    private const string OwnRunsOnly = "UrlShortener:MaintenanceInterval";

    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());

    // Only the modules under test: the clock runs a day ahead here, and cloud storage's own job, on
    // that clock and the shared PostgreSQL, would collect every block another test process has just
    // uploaded and not yet committed — the likely cause of a CI run where a storage test's commit
    // found 62 of the blocks it had just uploaded missing.
    private BlueprintFactory Host(Dictionary<string, string?> settings)
    {
        settings["Blueprint:Modules"] = "identity,url-shortener";
        return new(settings, services => services.AddSingleton<TimeProvider>(_time));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnExpiredLink_StaysVisibleToItsOwner_ThenTheJobRetiresIt_OnItsOwnTimer(bool postgres)
    {
        using var host = Host(new()
        {
            ["ConnectionStrings:Postgres"] = postgres ? RealEngines.Postgres : null,
            ["UrlShortener:ExpiredLinkRetention"] = "1.00:00:00",
        });
        var email = $"alice-{Guid.NewGuid():N}@example.com";
        var alice = await SignedInClient.SignUpAsync(host.CreateClient(), email);
        var expiring = (await alice.JsonAsync(HttpMethod.Post, "/api/urls", new { url = "https://example.com/a-day", expiresAt = _time.GetUtcNow().AddHours(1) }, HttpStatusCode.Created)).GetProperty("key").GetString();
        var lasting = (await alice.JsonAsync(HttpMethod.Post, "/api/urls", new { url = "https://example.com/for-good" }, HttpStatusCode.Created)).GetProperty("key").GetString();

        _time.Advance(TimeSpan.FromHours(2));
        await host.Services.GetRequiredService<LinkMaintenance>().RunOnceAsync(CancellationToken.None);
        alice = await SignedInClient.LogInAsync(host.CreateClient(), email); // the clock moved past the token's lifetime
        Assert.True((await alice.JsonAsync(HttpMethod.Get, $"/api/urls/{expiring}")).GetProperty("expired").GetBoolean());

        _time.Advance(TimeSpan.FromDays(1)); // the job's own timer (every minute) retires it now
        alice = await SignedInClient.LogInAsync(host.CreateClient(), email);
        await Poll.UntilAsync(async () => (await alice.SendAsync(HttpMethod.Get, $"/api/urls/{expiring}")).StatusCode == HttpStatusCode.NotFound, 5_000);

        var history = await alice.JsonAsync(HttpMethod.Get, "/api/urls");
        Assert.Equal([lasting], history.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("key").GetString()));
        using var redirect = await host.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(new Uri($"/{expiring}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Gone, redirect.StatusCode);
        Assert.Contains("expired", (await redirect.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var again = (await alice.JsonAsync(HttpMethod.Post, "/api/urls", new { url = "https://example.com/a-day" }, HttpStatusCode.Created)).GetProperty("key").GetString();
        Assert.NotEqual(expiring, again);
        await MetricAsync(host, "blueprint_urls_links_expired_total");
    }

    [Fact]
    public async Task KeyRanges_ReportFreeRangesAndKeysLeft_AndTheCountFallsAsRangesAreClaimed()
    {
        using var host = Host(new() { ["UrlShortener:KeyDesign"] = "key-ranges", ["UrlShortener:KeyRangeBatch"] = "16", [OwnRunsOnly] = "00:00:00" });
        var alice = await SignedInClient.SignUpAsync(host.CreateClient());
        await alice.JsonAsync(HttpMethod.Post, "/api/urls", new { url = "https://example.com/first" }, HttpStatusCode.Created);

        await host.Services.GetRequiredService<LinkMaintenance>().RunOnceAsync(CancellationToken.None);

        // 16 prefixes of 5 generated, one claimed: every other 5-character prefix is still to come, 64 keys each.
        var space = host.Services.GetRequiredService<KeyMetrics>().LastSample!;
        Assert.Equal(new KeySpace("key-ranges", (long)(Math.Pow(64, 5) - 1) * 64, 15), space);
        await MetricAsync(host, "blueprint_urls_keys_ranges_free");
        await MetricAsync(host, "blueprint_urls_keys_remaining", "key-ranges");
    }

    [Fact]
    public async Task TheHashDesign_ReportsTheSevenCharacterSpaceLeft()
    {
        using var host = Host(new() { ["UrlShortener:KeyDesign"] = "hash", [OwnRunsOnly] = "00:00:00" });
        var alice = await SignedInClient.SignUpAsync(host.CreateClient());
        await alice.JsonAsync(HttpMethod.Post, "/api/urls", new { url = "https://example.com/one" }, HttpStatusCode.Created);
        await alice.JsonAsync(HttpMethod.Post, "/api/urls", new { url = "https://example.com/two" }, HttpStatusCode.Created);

        await host.Services.GetRequiredService<LinkMaintenance>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(new KeySpace("hash", (long)Math.Pow(62, 7) - 2, null), host.Services.GetRequiredService<KeyMetrics>().LastSample);
        await MetricAsync(host, "blueprint_urls_keys_remaining", "hash");
    }

    [Fact]
    public async Task IdsOfClickBatchesCountedOverAWeekAgo_AreForgotten_RecentOnesKept()
    {
        using var host = Host(new() { [OwnRunsOnly] = "00:00:00" });
        var bus = host.Services.GetRequiredService<IMessageBus>();
        var now = _time.GetUtcNow();
        var oldId = Guid.CreateVersion7(now.AddDays(-8)).ToString("N");
        var recentId = Guid.CreateVersion7(now.AddDays(-1)).ToString("N");
        foreach (var id in new[] { oldId, recentId })
        {
            await bus.SendAsync("urls.clicks", new Message(JsonSerializer.SerializeToUtf8Bytes(new
            {
                batchId = id,
                clicks = new[] { new { eventId = id, key = "abc1234", atMs = now.ToUnixTimeMilliseconds(), referrer = "direct", agent = "Chrome", bot = false, visitor = "v" } },
            })));
        }

        var database = host.Services.GetRequiredService<LinkDatabase>().Database;
        async Task<string[]> SeenAsync()
        {
            await using var connection = await database.OpenConnectionAsync();
            return [.. await connection.QueryAsync<string>("SELECT event_id FROM click_events_seen ORDER BY event_id")];
        }

        await Poll.UntilAsync(async () => (await SeenAsync()).Length == 2);
        await host.Services.GetRequiredService<LinkMaintenance>().RunOnceAsync(CancellationToken.None);

        Assert.Equal([recentId], await SeenAsync());
    }

    // The metric's value from /metrics, polled because the exporter caches a scrape briefly. Every host
    // in this test process exports every host's instruments of the same name, so tests read exact
    // values from the host's own KeyMetrics and check here only that /metrics carries the series.
    private static async Task<double> MetricAsync(BlueprintFactory host, string name, string? design = null)
    {
        var client = host.CreateClient();
        var pattern = new Regex($@"^{name}(\{{[^}}]*\}})? (\S+)", RegexOptions.Multiline);
        var value = await Poll.ValueAsync(async () =>
        {
            var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            return pattern.Matches(text).FirstOrDefault(m => design is null || m.Groups[1].Value.Contains($"design=\"{design}\"", StringComparison.Ordinal))?.Groups[2].Value;
        }, 5_000);
        return double.Parse(value, CultureInfo.InvariantCulture);
    }
}
