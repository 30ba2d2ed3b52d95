using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Blueprint.Testing;

namespace Blueprint.Ids.Tests;

/// <summary>The ID service's API on one engine; subclasses pick embedded or PostgreSQL + Redis.</summary>
public abstract class IdsApiTests : IDisposable
{
    private readonly BlueprintFactory _factory;

    protected IdsApiTests(Dictionary<string, string?> settings) => _factory = new BlueprintFactory(settings);

    protected HttpClient Client => field ??= _factory.CreateClient();

    public void Dispose()
    {
        Client.Dispose();
        _factory.Dispose();
    }

    protected async Task<List<string>> IssueAsync(int count, string? scheme = null)
    {
        var query = scheme is null ? $"/api/ids?count={count}" : $"/api/ids?count={count}&scheme={scheme}";
        var batch = await Client.GetFromJsonAsync<JsonElement>(query);
        return [.. batch.GetProperty("ids").EnumerateArray().Select(i => i.GetString()!)];
    }

    [Fact]
    public async Task Issue_ABatch_GivesThatManyRisingSnowflakes()
    {
        var ids = (await IssueAsync(10_000)).Select(long.Parse).ToList();

        Assert.Equal(10_000, ids.Distinct().Count());
        Assert.Equal(ids.Order(), ids);
    }

    [Fact]
    public async Task Issue_NoCount_GivesOne() => Assert.Single(await IssueAsync(1));

    [Theory]
    [InlineData("ticket")]
    [InlineData("uuid-v7")]
    [InlineData("uuid-v4")]
    [InlineData("ulid")]
    public async Task Issue_EveryOtherScheme_GivesDistinctIds(string scheme)
    {
        var ids = await IssueAsync(500, scheme);
        Assert.Equal(500, ids.Distinct().Count());
        if (scheme is "ticket" or "uuid-v7" or "ulid")
        {
            Assert.Equal(ids.Order(scheme == "ticket" ? Comparer<string>.Create((a, b) => long.Parse(a).CompareTo(long.Parse(b))) : StringComparer.Ordinal), ids);
        }
    }

    [Fact]
    public async Task Tickets_FromParallelClients_NeverRepeat()
    {
        var batches = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            var mine = new List<string>();
            for (var i = 0; i < 20; i++)
            {
                mine.AddRange(await IssueAsync(25, "ticket"));
            }

            return mine;
        }));

        var all = batches.SelectMany(b => b).ToList();
        Assert.Equal(8 * 20 * 25, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Fact]
    public async Task Decode_AnIssuedId_GivesThisHostsWorkerAndNow()
    {
        var id = (await IssueAsync(1))[0];
        var worker = await Client.GetFromJsonAsync<JsonElement>("/api/ids/worker");
        var parts = await Client.GetFromJsonAsync<JsonElement>($"/api/ids/{id}");

        Assert.Equal(id, parts.GetProperty("id").GetString());
        Assert.Equal(worker.GetProperty("workerId").GetInt32(), parts.GetProperty("workerId").GetInt32());
        Assert.Equal(worker.GetProperty("datacenterId").GetInt32(), parts.GetProperty("datacenterId").GetInt32());
        Assert.InRange(parts.GetProperty("timestamp").GetDateTimeOffset(), TimeProvider.System.GetUtcNow().AddMinutes(-1), TimeProvider.System.GetUtcNow().AddSeconds(1));
    }

    [Theory]
    [InlineData("/api/ids?count=0", "count is 0")]
    [InlineData("/api/ids?count=10001", "1 to 10,000")]
    [InlineData("/api/ids?count=-3", "count is -3")]
    [InlineData("/api/ids?scheme=uuid-v9", "snowflake, ticket")]
    [InlineData("/api/ids/abc", "not a Snowflake ID")]
    [InlineData("/api/ids/-5", "not a Snowflake ID")]
    [InlineData("/api/ids/99999999999999999999", "not a Snowflake ID")]
    public async Task BadInput_Is400WithAReason(string path, string reason)
    {
        var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class EmbeddedIdsApiTests() : IdsApiTests([]);

public sealed class PostgresIdsApiTests() : IdsApiTests(RealEngineSettings.Postgres().WithRedis().With("Ids:DatacenterId", "11"));
