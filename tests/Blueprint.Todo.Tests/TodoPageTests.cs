using Microsoft.Playwright;

namespace Blueprint.Todo.Tests;

/// <summary>The web app of seed 000 §8.1 in a real headless chromium against a real Kestrel server.</summary>
public sealed class TodoPageTests : PageTest
{
    [Fact]
    public async Task Person_RegistersAddsCompletesDeletesLogsOut_AndASecondPersonSeesNothingOfIt()
    {
        var page = await OpenAsync("/todo");

        await PageAccount.SignUpAndInAsync(page, $"alice-{Guid.NewGuid():N}@example.com");
        await page.FillAsync("#new-list input[name=title]", "Groceries");
        await page.ClickAsync("#new-list button");
        await Assertions.Expect(page.Locator("#list-title")).ToHaveTextAsync("Groceries");
        foreach (var item in new[] { "Milk", "Bread" })
        {
            await page.FillAsync("#new-item input[name=title]", item);
            await page.ClickAsync("#new-item button");
            await Assertions.Expect(page.Locator("#items li", new() { HasText = item })).ToBeVisibleAsync();
        }

        await page.Locator("#items li", new() { HasText = "Milk" }).Locator("input.toggle").ClickAsync();
        await Assertions.Expect(page.Locator("#items li.done", new() { HasText = "Milk" })).ToBeVisibleAsync();
        await page.Locator("#items li", new() { HasText = "Bread" }).Locator("button.delete").ClickAsync();
        await Assertions.Expect(page.Locator("#items li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#lists")).ToContainTextAsync("1/1");

        await page.ClickAsync("#logout");
        await Assertions.Expect(page.Locator("#account")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#items li")).ToHaveCountAsync(0);

        await PageAccount.SignUpAndInAsync(page, $"bob-{Guid.NewGuid():N}@example.com");
        await Assertions.Expect(page.Locator("#list-title")).ToHaveTextAsync("Pick or add a list");
        await Assertions.Expect(page.Locator("#lists button")).ToHaveCountAsync(0);
        Assert.DoesNotContain("Groceries", await page.ContentAsync());
    }

    [Fact]
    public async Task WrongPassword_ShowsTheReasonAndStaysSignedOut()
    {
        var page = await OpenAsync("/todo");

        await page.FillAsync("#login input[name=email]", "nobody@example.com");
        await page.FillAsync("#login input[name=password]", "Wrong-pass-1");
        await page.ClickAsync("#login button");

        await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("wrong");
        await Assertions.Expect(page.Locator("#app")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task RegisteringSignsYouIn_AndTheSignInHoldsInAnotherTab_UntilSignOut()
    {
        var person = await NewContextAsync();
        var page = await OpenAsync("/todo", person);
        await PageAccount.SignUpAndInAsync(page, $"tabs-{Guid.NewGuid():N}@example.com");

        var second = await OpenAsync("/todo", person);
        await Assertions.Expect(second.Locator("#app")).ToBeVisibleAsync();

        await second.ClickAsync("#logout");
        var third = await OpenAsync("/todo", person);
        await Assertions.Expect(third.Locator("#account")).ToBeVisibleAsync();
        await Assertions.Expect(third.Locator("#app")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task RegisteringATakenEmail_SaysSo_AndDoesNotSignIn()
    {
        var email = $"taken-{Guid.NewGuid():N}@example.com";
        var page = await OpenAsync("/todo");
        await PageAccount.SignUpAndInAsync(page, email);
        await page.ClickAsync("#logout");

        await page.FillAsync("#register input[name=email]", email);
        await page.FillAsync("#register input[name=password]", "Another-pass-7");
        await page.ClickAsync("#register button");

        await Assertions.Expect(page.Locator("#registered")).ToContainTextAsync("may already have an account");
        await Assertions.Expect(page.Locator("#app")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#login input[name=email]")).ToHaveValueAsync(email);
        await PageAccount.LogInAsync(page, email);
    }
}
