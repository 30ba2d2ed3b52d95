using System.Net;
using System.Text.Json;
using Blueprint.Testing;

namespace Blueprint.Cli.Tests.Commands;

/// <summary><c>blueprint load url-shortener</c> against a real host on loopback: the mix, the rate, the report, and bad options.</summary>
public sealed class LoadCommandTests : IAsyncLifetime
{
    private readonly BlueprintFactory _host = new([]);
    private Uri _server = null!;

    public Task InitializeAsync()
    {
        _server = _host.StartOnLoopback();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ARun_SendsTheMixAtTheRate_AndReportsPercentiles_AndTheLinksItMadeRedirect()
    {
        var (exit, output, error) = await Cli.RunAsync("load", "url-shortener", "--server", _server.ToString(), "--rate", "110", "--duration", "2", "--seed-links", "5", "--json");

        Assert.True(exit == 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        var (reads, writes) = (report.GetProperty("reads"), report.GetProperty("writes"));
        // 220 requests due: every 11th a create, the rest redirects.
        Assert.Equal(200, reads.GetProperty("requests").GetInt64());
        Assert.Equal(20, writes.GetProperty("requests").GetInt64());
        Assert.Equal(200, reads.GetProperty("succeeded").GetInt64());
        Assert.Equal(20, writes.GetProperty("succeeded").GetInt64());
        Assert.Empty(reads.GetProperty("failures").EnumerateObject());
        double[] percentiles = [.. new[] { "p50", "p90", "p99", "p999", "max" }.Select(p => reads.GetProperty(p).GetDouble())];
        Assert.True(percentiles[0] > 0);
        Assert.Equal(percentiles.Order(), percentiles);
        Assert.InRange(report.GetProperty("achievedPerSecond").GetDouble(), 20, 120);
        Assert.Contains("links created to start from", error, StringComparison.Ordinal);
        Assert.Contains("as a throwaway account", error, StringComparison.Ordinal); // not the caller's own history
        Assert.Contains(" s ", error, StringComparison.Ordinal); // a progress line a second
    }

    [Fact]
    public async Task WithAnApiKey_CreatesAreThatUsers_AndTheTableNamesEachKind()
    {
        var user = await SignedInClient.SignUpAsync(new HttpClient { BaseAddress = _server });
        var apiKey = (await user.JsonAsync(HttpMethod.Post, "/api/identity/api-keys", new { name = "load" }, HttpStatusCode.Created)).GetProperty("secret").GetString()!;

        var (exit, output, error) = await Cli.RunAsync("load", "url-shortener", "--server", _server.ToString(), "--api-key", apiKey, "--rate", "50", "--duration", "1", "--seed-links", "3");

        Assert.True(exit == 0, error);
        Assert.Contains("redirects", output, StringComparison.Ordinal);
        Assert.Contains("creates", output, StringComparison.Ordinal);
        Assert.Contains("p99", output, StringComparison.Ordinal);
        var history = await user.JsonAsync(HttpMethod.Get, "/api/urls?limit=100");
        Assert.True(history.GetProperty("links").GetArrayLength() >= 3 + 4, history.ToString()); // the seed links and every 11th of 50
    }

    [Theory]
    [InlineData("--rate", "0", "--rate")]
    [InlineData("--duration", "601", "--duration")]
    [InlineData("--connections", "0", "--connections")]
    [InlineData("--server", "ftp://example.com", "--server")]
    public async Task BadOptions_AreRefusedByName(string option, string value, string named)
    {
        var (exit, output, error) = await Cli.RunAsync("load", "url-shortener", option, value);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerThatIsNotThere_IsReportedNotThrown()
    {
        var (exit, _, error) = await Cli.RunAsync("load", "url-shortener", "--server", "http://127.0.0.1:1", "--duration", "1");

        Assert.Equal(1, exit);
        Assert.Contains("could not start against http://127.0.0.1:1", error, StringComparison.Ordinal);
    }
}
