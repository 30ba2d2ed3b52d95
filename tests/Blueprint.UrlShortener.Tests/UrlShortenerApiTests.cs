using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Blueprint.UrlShortener.Tests;

/// <summary>The shortener over HTTP, on the embedded database and on PostgreSQL: create, redirect, history, and every kind of bad input.</summary>
public abstract class UrlShortenerApiTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private readonly BlueprintFactory _factory;

    protected UrlShortenerApiTests(Dictionary<string, string?> settings, string keyPattern = "^[0-9A-Za-z]{8,11}$")
    {
        ArgumentNullException.ThrowIfNull(settings);
        KeyPattern = keyPattern;
        settings["UrlShortener:PermanentRedirectCacheLifetime"] = "02:00:00";
        settings["Blueprint:Modules"] = "identity,url-shortener,todo"; // its fake clock runs no other module's jobs; the todo page shows a page is not a key
        _factory = new BlueprintFactory(settings, services => services.AddSingleton<TimeProvider>(_time));
    }

    private string KeyPattern { get; }

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    private Task<SignedInClient> UserAsync() => SignedInClient.SignUpAsync(_factory.CreateClient());

    private HttpClient Visitor() => _factory.CreateClient(new() { AllowAutoRedirect = false });

    private static async Task<JsonElement> CreateAsync(SignedInClient user, object body, HttpStatusCode expected = HttpStatusCode.Created) =>
        await user.JsonAsync(HttpMethod.Post, "/api/urls", body, expected);

    [Fact]
    public async Task Create_ThenRedirect_Is302AndNeverCached()
    {
        var alice = await UserAsync();
        var link = await CreateAsync(alice, new { url = "https://example.com/path?q=1#top" });
        var key = link.GetProperty("key").GetString()!;

        Assert.Matches(KeyPattern, key);
        Assert.EndsWith($"/{key}", link.GetProperty("shortUrl").GetString(), StringComparison.Ordinal);
        using var redirect = await Visitor().GetAsync(new Uri($"/{key}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.Equal("https://example.com/path?q=1#top", redirect.Headers.Location!.ToString());
        Assert.True(redirect.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task APermanentLink_Is301_WithTheConfiguredCacheLifetime()
    {
        var alice = await UserAsync();
        var key = (await CreateAsync(alice, new { url = "https://example.com/forever", permanent = true })).GetProperty("key").GetString();

        using var redirect = await Visitor().GetAsync(new Uri($"/{key}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal(TimeSpan.FromHours(2), redirect.Headers.CacheControl!.MaxAge);
    }

    [Fact]
    public async Task TheSameUserAndUrl_GetTheSameShortUrl_AnotherUserGetsAnother()
    {
        var alice = await UserAsync();
        var bob = await UserAsync();
        var first = await CreateAsync(alice, new { url = "https://example.com/same" });
        var again = await CreateAsync(alice, new { url = "https://example.com/same" }, HttpStatusCode.OK);
        var bobs = await CreateAsync(bob, new { url = "https://example.com/same" });

        Assert.Equal(first.GetProperty("key").GetString(), again.GetProperty("key").GetString());
        Assert.NotEqual(first.GetProperty("key").GetString(), bobs.GetProperty("key").GetString());
    }

    [Fact]
    public async Task ParallelCreatesOfOneUrl_ByOneUser_GiveOneKey()
    {
        var alice = await UserAsync();
        var keys = await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            using var response = await alice.SendAsync(HttpMethod.Post, "/api/urls", new { url = "https://example.com/race" });
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{response.StatusCode}");
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString();
        }));

        Assert.Single(keys.Distinct());
    }

    [Fact]
    public async Task AnAlias_IsTheKey_AndIsUniqueAcrossUsers()
    {
        var alice = await UserAsync();
        var bob = await UserAsync();
        var alias = $"sale-{Guid.NewGuid():N}"[..20];

        var link = await CreateAsync(alice, new { url = "https://example.com/sale", alias });
        var taken = await CreateAsync(bob, new { url = "https://example.org/other", alias }, HttpStatusCode.Conflict);

        Assert.Equal(alias, link.GetProperty("key").GetString());
        Assert.True(link.GetProperty("custom").GetBoolean());
        Assert.Contains("taken", taken.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var redirect = await Visitor().GetAsync(new Uri($"/{alias}", UriKind.Relative));
        Assert.Equal("https://example.com/sale", redirect.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("javascript:alert(1)", null, "url")]
    [InlineData("data:text/html,hi", null, "url")]
    [InlineData("file:///etc/passwd", null, "url")]
    [InlineData("/relative/path", null, "url")]
    [InlineData("", null, "url")]
    [InlineData("https://example.com/ok", "api", "alias")]
    [InlineData("https://example.com/ok", "Metrics", "alias")]
    [InlineData("https://example.com/ok", "ab", "alias")]
    [InlineData("https://example.com/ok", "no spaces", "alias")]
    [InlineData("https://example.com/ok", "été", "alias")]
    public async Task BadInput_IsRefusedNamingTheField(string url, string? alias, string field)
    {
        var alice = await UserAsync();

        var problem = await CreateAsync(alice, new { url, alias }, HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        var history = await alice.JsonAsync(HttpMethod.Get, "/api/urls");
        Assert.Empty(history.GetProperty("links").EnumerateArray());
    }

    [Fact]
    public async Task OverLongUrls_ExpiryInThePast_AndLinksToTheShortenerItself_AreRefused()
    {
        var alice = await UserAsync();

        var tooLong = await CreateAsync(alice, new { url = "https://example.com/" + new string('a', 2048) }, HttpStatusCode.BadRequest);
        var past = await CreateAsync(alice, new { url = "https://example.com/x", expiresAt = _time.GetUtcNow().AddMinutes(-1) }, HttpStatusCode.BadRequest);
        var loop = await CreateAsync(alice, new { url = "http://localhost/abc" }, HttpStatusCode.BadRequest);

        Assert.Contains("2,048", tooLong.GetProperty("errors").GetProperty("url")[0].GetString(), StringComparison.Ordinal);
        Assert.True(past.GetProperty("errors").TryGetProperty("expiresAt", out _));
        Assert.Contains("redirect to itself", loop.GetProperty("errors").GetProperty("url")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedJson_IsA400ProblemWithTheReason()
    {
        var alice = await UserAsync();

        using var response = await alice.SendAsync(HttpMethod.Post, "/api/urls", new StringContent("{\"url\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CreatingNeedsASignedInUser()
    {
        using var response = await _factory.CreateClient().PostAsJsonAsync(new Uri("/api/urls", UriKind.Relative), new { url = "https://example.com" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task UnknownKeys_Are404_DeletedAndExpiredOnes410()
    {
        var alice = await UserAsync();
        var deleted = (await CreateAsync(alice, new { url = "https://example.com/deleted" })).GetProperty("key").GetString();
        var expiring = (await CreateAsync(alice, new { url = "https://example.com/expiring", expiresAt = _time.GetUtcNow().AddHours(1) })).GetProperty("key").GetString();
        await alice.JsonAsync(HttpMethod.Delete, $"/api/urls/{deleted}", expected: HttpStatusCode.NoContent);
        _time.Advance(TimeSpan.FromHours(1));

        var visitor = Visitor();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(new Uri("/NeverIssued1", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await visitor.GetAsync(new Uri($"/{deleted}", UriKind.Relative))).StatusCode);
        using var expired = await visitor.GetAsync(new Uri($"/{expiring}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("expired", (await expired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpiredLink_ShortenedAgain_GetsAFreshKey()
    {
        var alice = await UserAsync();
        var first = (await CreateAsync(alice, new { url = "https://example.com/again", expiresAt = _time.GetUtcNow().AddMinutes(5) })).GetProperty("key").GetString();
        _time.Advance(TimeSpan.FromMinutes(6));

        var second = (await CreateAsync(alice, new { url = "https://example.com/again" })).GetProperty("key").GetString();

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task History_PagesNewestOrOldestFirst_AndShowsOnlyTheCallersLinks()
    {
        var alice = await UserAsync();
        var bob = await UserAsync();
        var keys = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            keys.Add((await CreateAsync(alice, new { url = $"https://example.com/{i}" })).GetProperty("key").GetString()!);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        await CreateAsync(bob, new { url = "https://example.com/bob" });

        var first = await alice.JsonAsync(HttpMethod.Get, "/api/urls?sort=desc&limit=2");
        var second = await alice.JsonAsync(HttpMethod.Get, $"/api/urls?sort=desc&limit=2&cursor={first.GetProperty("next").GetString()}");
        var third = await alice.JsonAsync(HttpMethod.Get, $"/api/urls?sort=desc&limit=2&cursor={second.GetProperty("next").GetString()}");
        var oldest = await alice.JsonAsync(HttpMethod.Get, "/api/urls?sort=asc&limit=10");

        string[] Keys(JsonElement page) => [.. page.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("key").GetString()!)];
        Assert.Equal([keys[4], keys[3], keys[2], keys[1], keys[0]], [.. Keys(first), .. Keys(second), .. Keys(third)]);
        Assert.Equal(JsonValueKind.Null, third.GetProperty("next").ValueKind);
        Assert.Equal(keys, Keys(oldest));
    }

    [Theory]
    [InlineData("sort=sideways", "sort")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("cursor=%25%25%25", "cursor")]
    public async Task History_BadParameters_AreNamed(string query, string field)
    {
        var alice = await UserAsync();

        var problem = await alice.JsonAsync(HttpMethod.Get, $"/api/urls?{query}", expected: HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task AnotherUsersLink_CannotBeSeenChangedOrDeleted()
    {
        var alice = await UserAsync();
        var mallory = await UserAsync();
        var key = (await CreateAsync(alice, new { url = "https://example.com/mine" })).GetProperty("key").GetString();

        await mallory.JsonAsync(HttpMethod.Get, $"/api/urls/{key}", expected: HttpStatusCode.NotFound);
        await mallory.JsonAsync(HttpMethod.Patch, $"/api/urls/{key}", new { expiresAt = _time.GetUtcNow().AddDays(1) }, HttpStatusCode.NotFound);
        await mallory.JsonAsync(HttpMethod.Delete, $"/api/urls/{key}", expected: HttpStatusCode.NotFound);

        using var redirect = await Visitor().GetAsync(new Uri($"/{key}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await alice.JsonAsync(HttpMethod.Get, $"/api/urls/{key}")).GetProperty("expiresAt").ValueKind);
    }

    [Fact]
    public async Task ChangingTheExpiry_TakesEffectOnTheRedirect()
    {
        var alice = await UserAsync();
        var key = (await CreateAsync(alice, new { url = "https://example.com/soon" })).GetProperty("key").GetString();

        var changed = await alice.JsonAsync(HttpMethod.Patch, $"/api/urls/{key}", new { expiresAt = _time.GetUtcNow().AddMinutes(10) });
        await alice.JsonAsync(HttpMethod.Patch, $"/api/urls/{key}", new { expiresAt = _time.GetUtcNow().AddMinutes(-10) }, HttpStatusCode.BadRequest);
        _time.Advance(TimeSpan.FromMinutes(11));

        Assert.NotEqual(JsonValueKind.Null, changed.GetProperty("expiresAt").ValueKind);
        Assert.Equal(HttpStatusCode.Gone, (await Visitor().GetAsync(new Uri($"/{key}", UriKind.Relative))).StatusCode);
        Assert.True((await alice.JsonAsync(HttpMethod.Get, $"/api/urls/{key}")).GetProperty("expired").GetBoolean());
    }

    [Fact]
    public async Task OtherPagesOfTheHost_AreNotTakenForKeys()
    {
        using var todo = await Visitor().GetAsync(new Uri("/todo", UriKind.Relative));
        using var health = await Visitor().GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, todo.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}

public sealed class EmbeddedUrlShortenerApiTests() : UrlShortenerApiTests([]);

public sealed class PostgresUrlShortenerApiTests() : UrlShortenerApiTests(RealEngineSettings.Postgres());

public sealed class EmbeddedKeyRangesApiTests() : UrlShortenerApiTests(new() { ["UrlShortener:KeyDesign"] = "key-ranges" }, "^[A-Za-z0-9_-]{6}$");

public sealed class PostgresKeyRangesApiTests()
    : UrlShortenerApiTests(RealEngineSettings.Postgres().With("UrlShortener:KeyDesign", "key-ranges"), "^[A-Za-z0-9_-]{6,7}$");

public sealed class EmbeddedHashKeyApiTests() : UrlShortenerApiTests(new() { ["UrlShortener:KeyDesign"] = "hash" }, "^[0-9A-Za-z]{7}$");

public sealed class PostgresHashKeyApiTests()
    : UrlShortenerApiTests(RealEngineSettings.Postgres().With("UrlShortener:KeyDesign", "hash"), "^[0-9A-Za-z]{7}$");
