using System.Net;
using System.Text;
using System.Text.Json;

namespace Blueprint.UrlShortener.Tests;

/// <summary>Many links at once — a JSON batch, CSV import and export — each row succeeding or failing on its own.</summary>
public abstract class BulkApiTests(Dictionary<string, string?> settings) : IDisposable
{
    private readonly BlueprintFactory _factory = new(settings);

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    private Task<SignedInClient> UserAsync() => SignedInClient.SignUpAsync(_factory.CreateClient());

    [Fact]
    public async Task ABatch_CreatesTheGoodRows_AndNamesWhatIsWrongWithTheOthers()
    {
        var alice = await UserAsync();
        var alias = $"taken-{Guid.NewGuid():N}"[..16];
        await alice.JsonAsync(HttpMethod.Post, "/api/urls", new { url = "https://example.com/first", alias }, HttpStatusCode.Created);
        var existing = (await alice.JsonAsync(HttpMethod.Post, "/api/urls", new { url = "https://example.com/again" }, HttpStatusCode.Created)).GetProperty("key").GetString();

        var result = await alice.JsonAsync(HttpMethod.Post, "/api/urls/bulk", new
        {
            links = new object?[]
            {
                new { url = "https://example.com/new" },
                new { url = "javascript:alert(1)" },
                new { url = "https://example.com/other", alias },
                new { url = "https://example.com/again" },
                null,
            },
        });

        Assert.Equal(1, result.GetProperty("created").GetInt32());
        Assert.Equal(1, result.GetProperty("existing").GetInt32());
        Assert.Equal(3, result.GetProperty("failed").GetInt32());
        var rows = result.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4, 5], rows.Select(r => r.GetProperty("row").GetInt32()));
        Assert.Equal(["created", "error", "error", "existing", "error"], rows.Select(r => r.GetProperty("status").GetString()));
        Assert.True(rows[1].GetProperty("errors").TryGetProperty("url", out _));
        Assert.Contains("taken", rows[2].GetProperty("errors").GetProperty("alias")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(existing, rows[3].GetProperty("link").GetProperty("key").GetString());
    }

    [Theory]
    [InlineData("{\"links\": []}")]
    [InlineData("{}")]
    public async Task AnEmptyBatch_IsRefused(string body)
    {
        var alice = await UserAsync();
        using var response = await alice.SendAsync(HttpMethod.Post, "/api/urls/bulk", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task CsvImport_ChecksEveryRow_AndExportGivesThemBack()
    {
        var alice = await UserAsync();
        const string Csv = """
            url,alias,expires_at,permanent
            https://example.com/a,,,
            "https://example.com/b?x=1,2",,2099-01-01T00:00:00Z,true
            ftp://example.com/c,,,
            https://example.com/d,,not-a-date,
            https://example.com/e,,,perhaps
            """;

        using var response = await alice.SendAsync(HttpMethod.Post, "/api/urls/import", new StringContent(Csv, Encoding.UTF8, "text/csv"));
        var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, result.GetProperty("created").GetInt32());
        Assert.Equal(3, result.GetProperty("failed").GetInt32());
        var rows = result.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4, 5], rows.Select(r => r.GetProperty("row").GetInt32()));
        Assert.True(rows[1].GetProperty("link").GetProperty("permanent").GetBoolean());
        Assert.True(rows[2].GetProperty("errors").TryGetProperty("url", out _));
        Assert.True(rows[3].GetProperty("errors").TryGetProperty("expires_at", out _));
        Assert.True(rows[4].GetProperty("errors").TryGetProperty("permanent", out _));

        using var export = await alice.SendAsync(HttpMethod.Get, "/api/urls/export");
        var lines = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal("key,short_url,url,custom,permanent,created_at,expires_at,clicks", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains("\"https://example.com/b?x=1,2\"", StringComparison.Ordinal) && l.Contains(",true,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACsvWithoutAUrlColumn_IsRefused_AndCreatesNothing()
    {
        var alice = await UserAsync();

        using var response = await alice.SendAsync(HttpMethod.Post, "/api/urls/import", new StringContent("link,alias\nhttps://example.com,x\n", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty((await alice.JsonAsync(HttpMethod.Get, "/api/urls")).GetProperty("links").EnumerateArray());
    }

    [Fact]
    public async Task ExportShowsOnlyTheCallersLinks()
    {
        var alice = await UserAsync();
        var bob = await UserAsync();
        await bob.JsonAsync(HttpMethod.Post, "/api/urls", new { url = "https://example.com/bobs" }, HttpStatusCode.Created);

        using var export = await alice.SendAsync(HttpMethod.Get, "/api/urls/export");

        Assert.DoesNotContain("bobs", await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class EmbeddedBulkApiTests() : BulkApiTests([]);

public sealed class PostgresBulkApiTests() : BulkApiTests(RealEngineSettings.Postgres());
