using Microsoft.Playwright;

namespace Blueprint.CloudStorage.Tests;

/// <summary>The files page in headless chromium against a real Kestrel host: upload, browse, download, versions, history with its chart and verification, trash, links.</summary>
public sealed class FilesPageTests : PageTest
{
    [Fact]
    public async Task Person_UploadsBrowsesDownloadsAndRestores_AndSeesWhoDidWhat()
    {
        var page = await OpenAsync("/files");
        await PageAccount.SignUpAndInAsync(page, $"alice-{Guid.NewGuid():N}@example.com");

        await page.SetInputFilesAsync("#upload", new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "first draft"u8.ToArray() });
        await Assertions.Expect(page.Locator("#files tr.file")).ToHaveCountAsync(1);
        await page.SetInputFilesAsync("#upload", new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "second draft"u8.ToArray() });
        await Assertions.Expect(page.Locator("#files tr.file td.num").Last).ToHaveTextAsync("2");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#files button.download").ClickAsync());
        Assert.Equal("notes.txt", download.SuggestedFilename);
        Assert.Equal("second draft", await File.ReadAllTextAsync((await download.PathAsync())!));

        await page.Locator("#files button.details").ClickAsync();
        await Assertions.Expect(page.Locator("#versions tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#file-history tbody")).ToContainTextAsync("download");
        await page.Locator("#versions button.restore").ClickAsync();
        await Assertions.Expect(page.Locator("#versions tbody tr")).ToHaveCountAsync(3);
        var restored = await page.RunAndWaitForDownloadAsync(() => page.Locator("#files button.download").ClickAsync());
        Assert.Equal("first draft", await File.ReadAllTextAsync((await restored.PathAsync())!));

        await Assertions.Expect(page.Locator("#activity rect.bar.upload").Last).ToHaveAttributeAsync("data-count", "2");
        await Assertions.Expect(page.Locator("#activity rect.bar.download").Last).ToHaveAttributeAsync("data-count", "2");
        await page.Locator("#verify").ClickAsync();
        await Assertions.Expect(page.Locator("#verify-result")).ToContainTextAsync("valid: 5 entries");

        await page.Locator("#share button").ClickAsync();
        await Assertions.Expect(page.Locator("#link-url")).ToContainTextAsync("/api/storage/links/");
        using var anonymous = new HttpClient();
        Assert.Equal("first draft", await anonymous.GetStringAsync(new Uri((await page.Locator("#link-url").TextContentAsync())!)));

        await page.Locator("#files button.delete").ClickAsync();
        await Assertions.Expect(page.Locator("#files tr.file")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#trash tbody tr")).ToHaveCountAsync(1);
        await page.Locator("#trash button.undelete").ClickAsync();
        await Assertions.Expect(page.Locator("#files tr.file")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#trash tbody tr")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Folders_AreBrowsedByTheirCrumbs_AndASharedFolderIsItsOwnNamespace()
    {
        var page = await OpenAsync("/files");
        var email = $"bob-{Guid.NewGuid():N}@example.com";
        await PageAccount.SignUpAndInAsync(page, email);
        var api = new StorageClient(await SignedInClient.LogInAsync(Factory.CreateClient(), email));
        await api.PutAsync("photos/2026/beach.jpg", [1, 2, 3]);
        await page.ReloadAsync();

        await page.Locator("#files tr.folder a.open").ClickAsync();
        await Assertions.Expect(page.Locator("#crumbs")).ToContainTextAsync("photos");
        await page.Locator("#files tr.folder a.open").ClickAsync();
        await Assertions.Expect(page.Locator("#files tr.file td.name")).ToHaveTextAsync("beach.jpg");
        await page.Locator("#crumbs a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#files tr.folder")).ToHaveCountAsync(1);

        // An empty folder made here stays, listed, until deleted.
        await page.FillAsync("#make-folder input[name=name]", "drafts");
        await page.ClickAsync("#make-folder button");
        await Assertions.Expect(page.Locator("#files tr.folder td.name")).ToHaveTextAsync(["drafts", "photos"]);
        Assert.Equal(["drafts", "photos"], (await api.JsonAsync(HttpMethod.Get, "folder")).GetProperty("folders").EnumerateArray().Select(f => f.GetString()));
        await page.Locator("#files tr.folder[data-folder=drafts] button.delete").ClickAsync();
        await Assertions.Expect(page.Locator("#files tr.folder")).ToHaveCountAsync(1);

        await page.FillAsync("#new-folder input[name=name]", "Holiday");
        await page.ClickAsync("#new-folder button");
        await Assertions.Expect(page.Locator("#ns option:checked")).ToContainTextAsync("Holiday (owner)");
        await Assertions.Expect(page.Locator("#files tbody tr")).ToHaveCountAsync(0);
    }
}
