using System.Net;
using System.Text.Json;
using Blueprint.Testing;

namespace Blueprint.Cli.Tests.Commands;

/// <summary><c>blueprint shorten</c> and <c>blueprint links</c> against a real host on loopback, signed in with an API key.</summary>
public sealed class LinksCommandTests : IAsyncLifetime
{
    private readonly BlueprintFactory _host = new([]);
    private Uri _server = null!;
    private string _apiKey = null!;

    public async Task InitializeAsync()
    {
        _server = _host.StartOnLoopback();
        var user = await SignedInClient.SignUpAsync(new HttpClient { BaseAddress = _server });
        _apiKey = (await user.JsonAsync(HttpMethod.Post, "/api/identity/api-keys", new { name = "cli" }, HttpStatusCode.Created)).GetProperty("secret").GetString()!;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        Cli.RunAsync([.. args, "--server", _server.ToString(), "--api-key", _apiKey]);

    [Fact]
    public async Task Shorten_PrintsTheShortUrl_ThatRedirects_AndLinksListsIt()
    {
        var (exit, output, _) = await RunAsync("shorten", "https://example.com/from-the-cli", "--alias", "from-cli");

        Assert.Equal(0, exit);
        Assert.Equal(new Uri(_server, "from-cli").ToString(), output.Trim());
        using var visitor = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var redirect = await visitor.GetAsync(new Uri(output.Trim()));
        Assert.Equal("https://example.com/from-the-cli", redirect.Headers.Location?.ToString());

        var (listed, table, _) = await RunAsync("links");
        Assert.Equal(0, listed);
        Assert.Contains("from-cli", table, StringComparison.Ordinal);
        Assert.Contains("https://example.com/from-the-cli", table, StringComparison.Ordinal);

        var (_, json, _) = await RunAsync("links", "--json", "--sort", "asc", "--limit", "5");
        Assert.Equal("from-cli", JsonDocument.Parse(json).RootElement.GetProperty("links")[0].GetProperty("key").GetString());
    }

    [Fact]
    public async Task ShorteningTheSameUrlAgain_SaysSo()
    {
        var (_, first, _) = await RunAsync("shorten", "https://example.com/twice");
        var (exit, again, error) = await RunAsync("shorten", "https://example.com/twice");

        Assert.Equal(0, exit);
        Assert.Equal(first, again);
        Assert.Contains("shortened this URL before", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusal_PrintsTheServersReasons_FieldByField()
    {
        var (exit, output, error) = await RunAsync("shorten", "javascript:alert(1)", "--alias", "api");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("400", error, StringComparison.Ordinal);
        Assert.Contains("url: Only absolute http and https URLs", error, StringComparison.Ordinal);
        Assert.Contains("alias: 'api' is reserved", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAnApiKey_OrWithABadOne_ItSaysWhat()
    {
        var (noKey, _, noKeyError) = await Cli.RunAsync("links", "--server", _server.ToString());
        var (badKey, _, badKeyError) = await Cli.RunAsync("links", "--server", _server.ToString(), "--api-key", "bp_not-a-key");

        Assert.Equal(1, noKey);
        Assert.Contains("--api-key", noKeyError, StringComparison.Ordinal);
        Assert.Equal(1, badKey);
        Assert.Contains("401", badKeyError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shorten", "https://example.com/nowhere")]
    [InlineData("links")]
    [InlineData("links", "delete", "some-key")]
    public async Task AServerThatIsNotThere_IsOneLine_AndExitCode2(params string[] command)
    {
        var (exit, output, error) = await Cli.RunAsync([.. command, "--server", "http://127.0.0.1:1", "--api-key", _apiKey]);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith("Cannot reach the server at http://127.0.0.1:1/", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task ABadOption_IsItsErrorAndAHint_NotTheWholeHelp()
    {
        var (exit, output, error) = await Cli.RunAsync("links", "--limit", "many");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("many", error, StringComparison.Ordinal);
        Assert.EndsWith("Run 'blueprint links --help' for what it takes.", error.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("Options:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_PageWithACursor_AndShowClicks()
    {
        foreach (var name in new[] { "page-a", "page-b", "page-c" })
        {
            Assert.Equal(0, (await RunAsync("shorten", $"https://example.com/{name}", "--alias", name)).ExitCode);
        }

        var (exit, first, _) = await RunAsync("links", "--limit", "2", "--sort", "asc");
        var more = first.Split('\n').Single(line => line.StartsWith("more: --cursor ", StringComparison.Ordinal));
        var (_, second, _) = await RunAsync("links", "--limit", "2", "--sort", "asc", "--cursor", more["more: --cursor ".Length..].Trim());

        Assert.Equal(0, exit);
        Assert.Contains("clicks", first, StringComparison.Ordinal);
        Assert.Contains("page-a", first, StringComparison.Ordinal);
        Assert.Contains("page-b", first, StringComparison.Ordinal);
        Assert.DoesNotContain("page-c", first, StringComparison.Ordinal);
        Assert.Contains("page-c", second, StringComparison.Ordinal);
        Assert.DoesNotContain("page-a", second, StringComparison.Ordinal);
        Assert.DoesNotContain("more: --cursor", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinksDelete_DeletesEachKey_AndSaysWhichItCouldNot()
    {
        await RunAsync("shorten", "https://example.com/gone-1", "--alias", "gone-1");
        await RunAsync("shorten", "https://example.com/gone-2", "--alias", "gone-2");

        var (exit, output, error) = await RunAsync("links", "delete", "gone-1", "gone-2", "never-made");

        Assert.Equal(1, exit);
        Assert.Contains("deleted gone-1", output, StringComparison.Ordinal);
        Assert.Contains("deleted gone-2", output, StringComparison.Ordinal);
        Assert.Contains("never-made: you have no link with this key", error, StringComparison.Ordinal);
        using var visitor = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _server };
        Assert.Equal(HttpStatusCode.Gone, (await visitor.GetAsync(new Uri("/gone-1", UriKind.Relative))).StatusCode);
    }
}
