using Microsoft.Playwright;

namespace Blueprint.Testing;

/// <summary>The account forms every page with sign-in shares (blueprint-account.js), as a person fills them in.</summary>
public static class PageAccount
{
    public const string Password = "Correct-horse-9";

    /// <summary>Registers <paramref name="email"/>, which signs the page in, and waits for the page's app to show.</summary>
    public static async Task SignUpAndInAsync(IPage page, string email)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.FillAsync("#register input[name=email]", email);
        await page.FillAsync("#register input[name=password]", Password);
        await page.ClickAsync("#register button");
        await Assertions.Expect(page.Locator("#app")).ToBeVisibleAsync();
    }

    /// <summary>Logs <paramref name="email"/> in with the log-in form, and waits for the page's app to show.</summary>
    public static async Task LogInAsync(IPage page, string email, string password = Password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.FillAsync("#login input[name=email]", email);
        await page.FillAsync("#login input[name=password]", password);
        await page.ClickAsync("#login button");
        await Assertions.Expect(page.Locator("#app")).ToBeVisibleAsync();
    }
}
