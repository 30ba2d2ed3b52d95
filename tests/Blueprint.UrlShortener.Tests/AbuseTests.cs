using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Blueprint.UrlShortener.Tests;

/// <summary>Abuse and safety: a reloadable blocklist of domains, and creation limited per user by the rate limiter's rules.</summary>
public sealed class AbuseTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task BlockedDomains_AndTheirSubdomains_AreRefused_AndAnEditTakesEffectWithoutARestart()
    {
        var blocklist = Path.Combine(_directory.Path, "blocklist.txt");
        await File.WriteAllTextAsync(blocklist, "# phishing\nevil.example\n");
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        using var host = new BlueprintFactory(new() { ["UrlShortener:Blocklist"] = blocklist }, services => services.AddSingleton<TimeProvider>(time));
        var alice = await SignedInClient.SignUpAsync(host.CreateClient());

        var blocked = await alice.JsonAsync(HttpMethod.Post, "/api/urls", new { url = "https://login.EVIL.example/account" }, HttpStatusCode.BadRequest);
        await alice.JsonAsync(HttpMethod.Post, "/api/urls", new { url = "https://notevil.example/" }, HttpStatusCode.Created);
        await alice.JsonAsync(HttpMethod.Post, "/api/urls", new { url = "https://later.example/" }, HttpStatusCode.Created);

        Assert.Contains("evil.example", blocked.GetProperty("errors").GetProperty("url")[0].GetString(), StringComparison.Ordinal);
        await File.WriteAllTextAsync(blocklist, "evil.example\nlater.example # added later\n");
        File.SetLastWriteTimeUtc(blocklist, DateTime.UnixEpoch.AddYears(60)); // a change the check cannot miss, whatever the file system's clock granularity
        time.Advance(TimeSpan.FromSeconds(2));
        await alice.JsonAsync(HttpMethod.Post, "/api/urls", new { url = "https://www.later.example/page" }, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Creation_IsRateLimitedPerUser_ByTheRateLimitersRules()
    {
        var rules = Path.Combine(_directory.Path, "rules.yaml");
        await File.WriteAllTextAsync(rules, """
            domain: shortener-test
            descriptors:
              - key: path
                value: /api/urls
                descriptors:
                  - key: method
                    value: POST
                    descriptors:
                      - key: user
                        rate_limit: { name: shorten-per-user, unit: minute, requests_per_unit: 3, algorithm: sliding-log }
            """);
        using var host = new BlueprintFactory(new() { ["RateLimiting:Rules"] = rules });
        var alice = await SignedInClient.SignUpAsync(host.CreateClient());
        var bob = await SignedInClient.SignUpAsync(host.CreateClient());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await alice.SendAsync(HttpMethod.Post, "/api/urls", new { url = $"https://example.com/{i}" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        await bob.JsonAsync(HttpMethod.Post, "/api/urls", new { url = "https://example.com/bob" }, HttpStatusCode.Created);
        // Reading is not creating: the history is not limited by that rule.
        await alice.JsonAsync(HttpMethod.Get, "/api/urls");
    }
}
