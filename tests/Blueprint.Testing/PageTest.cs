using Microsoft.Playwright;

namespace Blueprint.Testing;

/// <summary>
/// A test class that drives pages of a host on its embedded defaults in headless chromium: the host
/// on a real Kestrel port on loopback, one browser for the class, a fresh page per test.
/// </summary>
/// <param name="modules">The modules the host runs (<c>Blueprint:Modules</c>), e.g. "identity,todo"; every built one when null.</param>
public abstract class PageTest(string? modules = null) : IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private Uri _site = null!;

    /// <summary>The host under test, for API calls beside the page.</summary>
    protected BlueprintFactory Factory { get; } = new(modules is null ? [] : new() { ["Blueprint:Modules"] = modules });

    public async Task InitializeAsync()
    {
        _site = Factory.StartOnLoopback();
        _playwright = await Playwright.CreateAsync();
        _browser = await Browser.LaunchAsync(_playwright);
    }

    /// <summary>A browser context of its own (one person's storage and cookies), for pages opened side by side as tabs.</summary>
    protected Task<IBrowserContext> NewContextAsync() => _browser.NewContextAsync();

    /// <summary>
    /// A new page at <paramref name="path"/>, waiting up to 15 s for each step: in a context of its own,
    /// or as another tab of <paramref name="context"/>.
    /// </summary>
    protected async Task<IPage> OpenAsync(string path, IBrowserContext? context = null)
    {
        var page = context is null ? await _browser.NewPageAsync() : await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync(new Uri(_site, path).ToString());
        return page;
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await Factory.DisposeAsync();
    }
}
