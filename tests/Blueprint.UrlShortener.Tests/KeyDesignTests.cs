using Blueprint.UrlShortener.Keys;
using Blueprint.UrlShortener.Links;
using Blueprint.UrlShortener.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Blueprint.UrlShortener.Tests;

/// <summary>The key designs' own behaviour, driven through the host's services on the embedded database.</summary>
public sealed class KeyDesignTests
{
    private static BlueprintFactory Host(string design, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["UrlShortener:KeyDesign"] = design, ["Blueprint:Modules"] = "identity,url-shortener" };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        var factory = new BlueprintFactory(settings);
        _ = factory.Server; // starts the host, running its migrations
        return factory;
    }

    [Fact]
    public async Task KeyRanges_GiveDistinctKeys_AndGrowByACharacterWhenTheSpaceRunsLow()
    {
        // Prefixes of one character: 64 ranges of 64 keys, so 5,000 keys must outgrow them.
        using var host = Host("key-ranges", ("UrlShortener:KeyRangePrefixLength", "1"), ("UrlShortener:KeyRangeBatch", "64"));
        var keys = host.Services.GetRequiredService<IKeyGenerator>();
        var issued = new List<string>();
        for (var i = 0; i < 5_000; i++)
        {
            issued.Add(await keys.NextAsync(new KeyRequest("owner", "https://example.com"), 1, CancellationToken.None));
        }

        Assert.Equal(issued.Count, issued.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(issued, k => k.Length == 2);
        Assert.Contains(issued, k => k.Length == 3);
        Assert.All(issued, k => Assert.Matches("^[A-Za-z0-9_-]+$", k));
    }

    [Fact]
    public async Task Hash_IsTheSameForTheSameLinkUnderOneSecret_AndDiffersPerOwner()
    {
        using var first = Host("hash", ("UrlShortener:HashSecret", "s3cret"));
        using var second = Host("hash", ("UrlShortener:HashSecret", "s3cret"));
        using var otherSecret = Host("hash", ("UrlShortener:HashSecret", "another"));
        var request = new KeyRequest("alice", "https://example.com/page");

        async Task<string> KeyAsync(BlueprintFactory host, KeyRequest r) => await host.Services.GetRequiredService<IKeyGenerator>().NextAsync(r, 1, CancellationToken.None);

        Assert.Equal(await KeyAsync(first, request), await KeyAsync(second, request));
        Assert.NotEqual(await KeyAsync(first, request), await KeyAsync(otherSecret, request));
        Assert.NotEqual(await KeyAsync(first, request), await KeyAsync(first, request with { Owner = "bob" }));
    }

    [Fact]
    public async Task Hash_ATakenCandidate_IsRehashedWithASuffix()
    {
        using var host = Host("hash");
        var keys = host.Services.GetRequiredService<IKeyGenerator>();
        var store = host.Services.GetRequiredService<LinkStore>();
        var request = new KeyRequest("alice", "https://example.com/wanted");
        var candidate = await keys.NextAsync(request, 1, CancellationToken.None);

        // Someone else takes exactly that key as an alias first.
        var (taken, _) = await store.CreateAsync("mallory", new NewLink(new Uri("https://example.org/squat"), candidate, null, false), CancellationToken.None);
        var (outcome, link) = await store.CreateAsync("alice", new NewLink(new Uri(request.Url), null, null, false), CancellationToken.None);

        Assert.Equal(CreateOutcome.Created, taken);
        Assert.Equal(CreateOutcome.Created, outcome);
        Assert.NotEqual(candidate, link!.Key);
        Assert.Matches("^[0-9A-Za-z]{7}$", link.Key);
        Assert.Equal(request.Url, link.Url);
    }

    [Fact]
    public void AnUnknownDesign_StopsTheHostNamingTheSetting()
    {
        var error = Assert.ThrowsAny<Exception>(() => Host("random-words"));

        Assert.Contains("UrlShortener:KeyDesign is 'random-words'", error.ToString(), StringComparison.Ordinal);
    }
}
