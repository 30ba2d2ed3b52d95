using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Blueprint.Modules;
using Npgsql;

namespace Blueprint.Todo.Tests;

/// <summary>
/// Seed 000 §8.1 as drawn: the user service and the todo service on two hosts, each with its own
/// PostgreSQL database. The todo host checks tokens with the keys the user service publishes and
/// API keys by asking it, and never holds a user table.
/// </summary>
public sealed class SeparateUserServiceTests : IDisposable
{
    private static readonly string[] IdentityTables = ["users", "api_keys", "signing_keys", "data_protection_keys"];
    private readonly string _identityDatabase = RealEngines.FreshPostgresDatabase();
    private readonly string _todoDatabase = RealEngines.FreshPostgresDatabase();
    private readonly BlueprintFactory _identityHost;
    private readonly BlueprintFactory _todoHost;
    private readonly HttpClient _identity;
    private readonly HttpClient _todo;

    public SeparateUserServiceTests()
    {
        _identityHost = new BlueprintFactory(new() { ["Blueprint:Modules"] = "identity", ["ConnectionStrings:Postgres"] = _identityDatabase });
        var identityAddress = _identityHost.StartOnLoopback();
        _todoHost = new BlueprintFactory(new()
        {
            ["Blueprint:Modules"] = "todo",
            ["ConnectionStrings:Postgres"] = _todoDatabase,
            ["Identity:Url"] = identityAddress.ToString(),
            ["Identity:ApiKeyCacheDuration"] = "00:00:00.200",
        });
        _identity = new HttpClient { BaseAddress = identityAddress };
        _todo = _todoHost.CreateClient();
    }

    [Fact]
    public async Task Token_FromTheUserServiceHost_OpensTheTodoHost_AndEachUserSeesOnlyTheirOwn()
    {
        var alice = await SignUpAsync();
        var bob = await SignUpAsync();

        var listId = await alice.CreateListAsync("Groceries");

        var aliceLists = await alice.JsonAsync(HttpMethod.Get, "/api/todo/lists");
        Assert.Equal([listId], aliceLists.EnumerateArray().Select(l => l.GetProperty("id").GetString()));
        Assert.Empty((await bob.JsonAsync(HttpMethod.Get, "/api/todo/lists")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await bob.SendAsync(HttpMethod.Get, $"/api/todo/lists/{listId}")).StatusCode);
    }

    [Fact]
    public async Task EachHost_KeepsOnlyItsOwnTables()
    {
        var alice = await SignUpAsync();
        await alice.CreateListAsync();

        Assert.Equal(0, await CountTablesAsync(_todoDatabase, IdentityTables));
        Assert.Equal(IdentityTables.Length, await CountTablesAsync(_identityDatabase, IdentityTables));
        Assert.Equal(0, await CountTablesAsync(_identityDatabase, ["lists", "items"]));
        Assert.Equal(2, await CountTablesAsync(_todoDatabase, ["lists", "items"]));
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    public async Task Token_ForgedOrMalformed_Is401(string token)
    {
        var stranger = new SignedInClient(_todo, token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.SendAsync(HttpMethod.Get, "/api/todo/lists")).StatusCode);
    }

    [Fact]
    public async Task Token_WithItsSignatureChanged_Is401()
    {
        var alice = await SignUpAsync();
        var parts = alice.Token.Split('.');
        var otherUser = await SignUpAsync();
        // Bob's claims under Alice's signature.
        var forged = new SignedInClient(_todo, $"{parts[0]}.{otherUser.Token.Split('.')[1]}.{parts[2]}");

        Assert.Equal(HttpStatusCode.OK, (await alice.SendAsync(HttpMethod.Get, "/api/todo/lists")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.SendAsync(HttpMethod.Get, "/api/todo/lists")).StatusCode);
    }

    [Fact]
    public async Task ApiKey_MadeOnTheUserService_OpensTheTodoHost_UntilRevoked()
    {
        var alice = await SignUpAsync();
        var listId = await alice.CreateListAsync();
        var onIdentity = new SignedInClient(_identity, alice.Token);
        var created = await onIdentity.JsonAsync(HttpMethod.Post, "/api/identity/api-keys", new { name = "script" }, HttpStatusCode.Created);
        var key = created.GetProperty("secret").GetString()!;

        var lists = await WithKeyAsync(key);
        Assert.Equal(HttpStatusCode.OK, lists.StatusCode);
        Assert.Equal(listId, (await lists.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetString());

        await onIdentity.JsonAsync(HttpMethod.Delete, $"/api/identity/api-keys/{created.GetProperty("key").GetProperty("id").GetString()}", expected: HttpStatusCode.NoContent);
        // Refused once the todo host's cached answer (200 ms here) has expired.
        await Poll.UntilAsync(async () => (await WithKeyAsync(key)).StatusCode == HttpStatusCode.Unauthorized, 5_000);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithKeyAsync("bpk_unknown_" + new string('x', 43))).StatusCode);
    }

    [Fact]
    public async Task UserService_Down_IsA503NamingIt_NotAnUnknownCaller()
    {
        _identityHost.Dispose();

        var response = await WithKeyAsync("bpk_someone_" + new string('y', 43));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("user service", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TodoHost_WithoutTheUserService_RefusesToStartSayingWhatToSet()
    {
        var error = Assert.Throws<ModuleConfigurationException>(() => Blueprint.Host.BlueprintHost.Build(["--modules", "todo", "--ConnectionStrings:Postgres", _todoDatabase]));

        Assert.Contains("Identity:Url", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _identity.Dispose();
        _todoHost.Dispose();
        _identityHost.Dispose();
    }

    private async Task<SignedInClient> SignUpAsync()
    {
        var onIdentity = await SignedInClient.SignUpAsync(_identity);
        return new SignedInClient(_todo, onIdentity.Token);
    }

    private async Task<HttpResponseMessage> WithKeyAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/todo/lists", UriKind.Relative));
        request.Headers.Add("X-Api-Key", key);
        return await _todo.SendAsync(request);
    }

    private static async Task<long> CountTablesAsync(string database, string[] names)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_name = ANY(@names)", connection);
        command.Parameters.AddWithValue("names", names);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
