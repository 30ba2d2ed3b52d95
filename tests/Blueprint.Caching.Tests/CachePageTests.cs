using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Blueprint.Testing;
using Microsoft.Playwright;

namespace Blueprint.Caching.Tests;

/// <summary>The cache page in headless chromium, and its API's answers to bad input.</summary>
public sealed class CachePageTests() : PageTest("cache")
{
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

    [Theory]
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
}
