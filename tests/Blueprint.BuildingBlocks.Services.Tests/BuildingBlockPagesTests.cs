using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Blueprint.Testing;
using Microsoft.Playwright;

namespace Blueprint.BuildingBlocks.Services.Tests;

/// <summary>The hashing and cache pages in headless chromium, and their APIs' answers to bad input.</summary>
public sealed class BuildingBlockPagesTests : PageTest
{
    [Fact]
    public async Task HashingPage_DrawsEveryTokenAndAShareBarPerNode_AndPlacesAKey()
    {
        var page = await OpenAsync("/hashing");
        await page.FillAsync("#params input[name=nodes]", "4");
        await page.FillAsync("#params input[name=vnodes]", "30");
        await page.FillAsync("#params input[name=key]", "photo:123");
        await page.ClickAsync("#params button");

        await Assertions.Expect(page.Locator("#ring line.token")).ToHaveCountAsync(120);
        await Assertions.Expect(page.Locator("#shares rect")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#placement")).ToContainTextAsync("\"photo:123\" hashes to");

        await page.ClickAsync("#simulate button");
        await Assertions.Expect(page.Locator("#schemes tbody tr")).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator("#schemes")).ToContainTextAsync("maglev");
    }

    [Fact]
    public async Task HashingPage_BadParameters_ShowTheReason()
    {
        var page = await OpenAsync("/hashing");
        await page.EvaluateAsync("document.querySelector('#params input[name=nodes]').removeAttribute('max')");
        await page.FillAsync("#params input[name=nodes]", "100");
        await page.ClickAsync("#params button");

        await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("1 to 64");
    }

    [Fact]
    public async Task CachePage_DrawsABarPerPolicyAndSize()
    {
        var page = await OpenAsync("/cache");
        await page.FillAsync("#params input[name=sizes]", "50,500");
        await page.FillAsync("#params input[name=length]", "20000");
        await page.ClickAsync("#params button");

        await Assertions.Expect(page.Locator("#table tbody tr")).ToHaveCountAsync(2 * 4);
        await Assertions.Expect(page.Locator("#chart rect")).ToHaveCountAsync((2 * 4) + 4); // a bar per size and policy, a legend swatch per policy
        await Assertions.Expect(page.Locator("#table")).ToContainTextAsync("SLRU");
    }

    [Fact]
    public async Task IdsPage_IssuesAndDrawsTheBitsOfAnId()
    {
        var page = await OpenAsync("/ids");
        await Assertions.Expect(page.Locator("#worker")).ToContainTextAsync("datacenter 0");
        await page.FillAsync("#issue input[name=count]", "3");
        await page.ClickAsync("#issue button");

        await Assertions.Expect(page.Locator("#ids tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#layout text.bits")).ToHaveCountAsync(64);
        await Assertions.Expect(page.Locator("#layout")).ToContainTextAsync("sequence (12)");

        await page.FillAsync("#decode input[name=id]", "not-an-id");
        await page.ClickAsync("#decode button");
        await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("not a Snowflake ID");
    }

    [Theory]
    [InlineData("/api/hashing/simulate?nodes=1", "nodes")]
    [InlineData("/api/hashing/simulate?keys=5000000", "keys")]
    [InlineData("/api/hashing/ring?vnodes=0", "vnodes")]
    [InlineData("/api/hashing/locate?nodes=3", "key")]
    [InlineData("/api/cache/simulate?trace=random", "trace")]
    [InlineData("/api/cache/simulate?sizes=0", "sizes")]
    [InlineData("/api/cache/simulate?length=0", "length")]
    public async Task Apis_BadInput_Are400NamingTheParameter(string path, string parameter)
    {
        using var client = Factory.CreateClient();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LocateApi_ReplicasAreTheRingsDistinctSuccessors()
    {
        using var client = Factory.CreateClient();
        var placed = await client.GetFromJsonAsync<JsonElement>("/api/hashing/locate?key=user:42&nodes=5&vnodes=50&replicas=3");
        var ring = new Blueprint.BuildingBlocks.Hashing.ConsistentHashRing(Enumerable.Range(0, 5).Select(i => $"node-{i}"), 50);

        Assert.Equal(ring.NodesFor("user:42", 3), placed.GetProperty("replicas").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(Blueprint.BuildingBlocks.Hashing.KeyHash.Of("user:42").ToString("x16"), placed.GetProperty("hash").GetString());
    }
}
