using Blueprint.Testing;
using Microsoft.Playwright;

namespace Blueprint.Ids.Tests;

/// <summary>The ID service's page in headless chromium.</summary>
public sealed class IdsPageTests() : PageTest("ids")
{
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
}
