using Blueprint.Testing;
using Microsoft.Playwright;

namespace Blueprint.RateLimiting.Tests.Http;

/// <summary>The /ratelimit page in headless chromium: traffic through each algorithm, drawn.</summary>
public sealed class RateLimitPageTests : PageTest
{
    [Fact]
    public async Task AnEdgeBurst_DrawsEveryAlgorithm_AndShowsTheFixedWindowLettingTwiceTheLimitThrough()
    {
        var page = await OpenAsync("/ratelimit");

        await Assertions.Expect(page.Locator("figure.algorithm")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator("figure[data-algorithm=fixed-window] figcaption .error")).ToHaveTextAsync("19");
        await Assertions.Expect(page.Locator("figure[data-algorithm=sliding-log] figcaption .error")).ToHaveCountAsync(0);
        Assert.True(await page.Locator("figure[data-algorithm=sliding-window] rect.rejected").CountAsync() > 0);
        await Assertions.Expect(page.Locator("#source")).ToContainTextAsync("No rules file is configured");
    }

    [Fact]
    public async Task AnotherPattern_IsDrawnOnSubmit()
    {
        var page = await OpenAsync("/ratelimit");
        await Assertions.Expect(page.Locator("figure.algorithm")).ToHaveCountAsync(5);

        await page.SelectOptionAsync("#params select[name=pattern]", "Steady");
        await page.FillAsync("#params input[name=windows]", "2");
        await page.ClickAsync("#params button");

        // Two windows of ten slices each.
        await Assertions.Expect(page.Locator("figure[data-algorithm=token-bucket] rect.allowed")).ToHaveCountAsync(20);
        await Assertions.Expect(page.Locator("figure[data-algorithm=fixed-window] figcaption .error")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task BadParameters_ShowTheReason()
    {
        var page = await OpenAsync("/ratelimit");
        await page.EvaluateAsync("document.querySelector('#params input[name=limit]').removeAttribute('max')");
        await page.FillAsync("#params input[name=limit]", "5000");
        await page.ClickAsync("#params button");

        await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("1 to 1,000");
    }
}
