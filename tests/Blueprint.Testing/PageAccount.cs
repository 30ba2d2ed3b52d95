using Microsoft.Playwright;

namespace Blueprint.Testing;

/// <summary>The account forms every page with sign-in shares (blueprint-account.js), as a person fills them in.</summary>
public static class PageAccount
{
    public const string Password = "Correct-horse-9";

    /// <summary>Registers <paramref name="email"/>, logs in, and waits for the page's app to show.</summary>
    public static async Task SignUpAndInAsync(IPage page, string email)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.FillAsync("#register input[name=email]", email);
        await page.FillAsync("#register input[name=password]", Password);
        await page.ClickAsync("#register button");
        await Assertions.Expect(page.Locator("#registered")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#login input[name=email]")).ToHaveValueAsync(email);
        await page.FillAsync("#login input[name=password]", Password);
        await page.ClickAsync("#login button");
        await Assertions.Expect(page.Locator("#app")).ToBeVisibleAsync();
    }
}
