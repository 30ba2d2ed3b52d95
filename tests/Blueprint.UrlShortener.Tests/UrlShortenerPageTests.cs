using Microsoft.Playwright;

namespace Blueprint.UrlShortener.Tests;

/// <summary>The shortener's page in headless chromium against a real Kestrel host: shorten, list, clicks chart, QR codes.</summary>
public sealed class UrlShortenerPageTests : PageTest
{
    private const string Chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

    [Fact]
    public async Task Person_ShortensALink_SeesItsClicksPerDayAndItsQrCode_ThenDeletesIt()
    {
        var page = await OpenAsync("/shorten");
        await PageAccount.SignUpAndInAsync(page, $"alice-{Guid.NewGuid():N}@example.com");

        await page.FillAsync("#shorten input[name=url]", "https://example.com/from-the-page");
        await page.ClickAsync("#shorten button");
        await Assertions.Expect(page.Locator("#result")).ToBeVisibleAsync();
        var shortUrl = await page.Locator("#short-url").TextContentAsync();
        await Assertions.Expect(page.Locator("#links tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#links td.clicks")).ToHaveTextAsync("0");

        using var visitor = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        visitor.DefaultRequestHeaders.UserAgent.ParseAdd(Chrome);
        for (var i = 0; i < 2; i++)
        {
            using var redirect = await visitor.GetAsync(new Uri(shortUrl!));
            Assert.Equal("https://example.com/from-the-page", redirect.Headers.Location!.ToString());
        }

        // Clicks are counted on the side: look again until both are in.
        await Poll.UntilAsync(async () =>
        {
            await page.Locator("#links button.stats").ClickAsync();
            return await page.Locator("#chart rect.bar[data-clicks='2']").CountAsync() == 1;
        });
        await Assertions.Expect(page.Locator("#chart rect.bar")).ToHaveCountAsync(30);
        await Assertions.Expect(page.Locator("#links td.clicks")).ToHaveTextAsync("2"); // the list catches up with the stats
        await Assertions.Expect(page.Locator("#agents")).ToContainTextAsync("Chrome: 2");
        await Poll.UntilAsync(async () => await page.Locator("#qr").EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0") > 0);
        Assert.StartsWith("blob:", await page.Locator("#qr-svg").GetAttributeAsync("href"), StringComparison.Ordinal);

        await page.ReloadAsync(); // signed in still; the history now counts the clicks
        await Assertions.Expect(page.Locator("#links td.clicks")).ToHaveTextAsync("2");
        await page.Locator("#links button.delete").ClickAsync();
        await Assertions.Expect(page.Locator("#links tbody tr")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#details")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task AJavascriptUrl_IsRefusedWithTheReason_AndNothingIsListed()
    {
        var page = await OpenAsync("/shorten");
        await PageAccount.SignUpAndInAsync(page, $"bob-{Guid.NewGuid():N}@example.com");

        await page.FillAsync("#shorten input[name=url]", "javascript:alert(1)");
        await page.ClickAsync("#shorten button");

        await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("http and https");
        await Assertions.Expect(page.Locator("#links tbody tr")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#result")).ToBeHiddenAsync();
    }
}
