using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Blueprint.Testing;
using Microsoft.Playwright;

namespace Blueprint.Hashing.Tests;

/// <summary>The hashing page in headless chromium, and its API's answers to bad input.</summary>
public sealed class HashingPageTests() : PageTest("hashing")
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

    [Theory]
    [InlineData("/api/hashing/simulate?nodes=1", "nodes")]
    [InlineData("/api/hashing/simulate?keys=5000000", "keys")]
    [InlineData("/api/hashing/ring?vnodes=0", "vnodes")]
    [InlineData("/api/hashing/locate?nodes=3", "key")]
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
