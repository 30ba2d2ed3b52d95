using System.Net;
using System.Text.Json;

namespace Blueprint.Todo.Tests;

/// <summary>The todo service over HTTP, on the embedded databases and on PostgreSQL.</summary>
public abstract class TodoApiTests : IDisposable
{
    private readonly BlueprintFactory _factory;

    protected TodoApiTests(Dictionary<string, string?> settings) => _factory = new BlueprintFactory(settings);

    private Task<SignedInClient> UserAsync() => SignedInClient.SignUpAsync(_factory.CreateClient());

    [Fact]
    public async Task Lists_CreateRenameListDelete_RoundTrip()
    {
        var alice = await UserAsync();
        var listId = await alice.CreateListAsync("  Groceries ");
        await alice.CreateListAsync("Work");

        var renamed = await alice.JsonAsync(HttpMethod.Patch, $"/api/todo/lists/{listId}", new { title = "Food" });
        Assert.Equal("Food", renamed.GetProperty("title").GetString());
        var lists = await alice.JsonAsync(HttpMethod.Get, "/api/todo/lists");
        Assert.Equal(["Food", "Work"], lists.EnumerateArray().Select(l => l.GetProperty("title").GetString()));

        await alice.JsonAsync(HttpMethod.Delete, $"/api/todo/lists/{listId}", expected: HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.SendAsync(HttpMethod.Get, $"/api/todo/lists/{listId}")).StatusCode);
    }

    [Fact]
    public async Task Items_AddCompleteRedateDelete_RoundTrip()
    {
        var alice = await UserAsync();
        var listId = await alice.CreateListAsync();
        var milk = await alice.AddItemAsync(listId, "Milk", "2026-12-24");
        var bread = await alice.AddItemAsync(listId, "Bread");

        var done = await alice.JsonAsync(HttpMethod.Patch, $"/api/todo/lists/{listId}/items/{milk}", new { done = true });
        Assert.True(done.GetProperty("done").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("completedAt").ValueKind);
        Assert.Equal("2026-12-24", done.GetProperty("dueDate").GetString());

        var undated = await alice.JsonAsync(HttpMethod.Patch, $"/api/todo/lists/{listId}/items/{milk}", new { clearDueDate = true, done = false });
        Assert.Equal(JsonValueKind.Null, undated.GetProperty("dueDate").ValueKind);
        Assert.Equal(JsonValueKind.Null, undated.GetProperty("completedAt").ValueKind);

        await alice.JsonAsync(HttpMethod.Delete, $"/api/todo/lists/{listId}/items/{bread}", expected: HttpStatusCode.NoContent);
        var list = await alice.JsonAsync(HttpMethod.Get, $"/api/todo/lists/{listId}");
        Assert.Equal(["Milk"], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Items_Reorder_ChangesTheOrderAndRefusesAnythingButAPermutation()
    {
        var alice = await UserAsync();
        var listId = await alice.CreateListAsync();
        var a = await alice.AddItemAsync(listId, "a");
        var b = await alice.AddItemAsync(listId, "b");
        var c = await alice.AddItemAsync(listId, "c");

        await alice.JsonAsync(HttpMethod.Put, $"/api/todo/lists/{listId}/items/order", new { ids = new[] { c, a, b } }, HttpStatusCode.NoContent);
        var list = await alice.JsonAsync(HttpMethod.Get, $"/api/todo/lists/{listId}");
        Assert.Equal(["c", "a", "b"], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));

        Assert.Equal(HttpStatusCode.Conflict, (await alice.SendAsync(HttpMethod.Put, $"/api/todo/lists/{listId}/items/order", new { ids = new[] { a, b } })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await alice.SendAsync(HttpMethod.Put, $"/api/todo/lists/{listId}/items/order", new { ids = new[] { a, a, b, c } })).StatusCode);
        var unchanged = await alice.JsonAsync(HttpMethod.Get, $"/api/todo/lists/{listId}");
        Assert.Equal(["c", "a", "b"], unchanged.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Lists_Reorder_ChangesTheOrder()
    {
        var alice = await UserAsync();
        var first = await alice.CreateListAsync("first");
        var second = await alice.CreateListAsync("second");

        await alice.JsonAsync(HttpMethod.Put, "/api/todo/lists/order", new { ids = new[] { second, first } }, HttpStatusCode.NoContent);

        var lists = await alice.JsonAsync(HttpMethod.Get, "/api/todo/lists");
        Assert.Equal(["second", "first"], lists.EnumerateArray().Select(l => l.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task AnotherUsersListsAndItems_AreInvisibleAndUntouchable()
    {
        var alice = await UserAsync();
        var mallory = await UserAsync();
        var listId = await alice.CreateListAsync("Secret plans");
        var itemId = await alice.AddItemAsync(listId, "Buy a cake");

        Assert.Equal("[]", (await mallory.JsonAsync(HttpMethod.Get, "/api/todo/lists")).GetRawText());
        (HttpMethod Method, string Path, object? Body)[] attempts =
        [
            (HttpMethod.Get, $"/api/todo/lists/{listId}", null),
            (HttpMethod.Patch, $"/api/todo/lists/{listId}", new { title = "Mine now" }),
            (HttpMethod.Delete, $"/api/todo/lists/{listId}", null),
            (HttpMethod.Post, $"/api/todo/lists/{listId}/items", new { title = "Planted" }),
            (HttpMethod.Patch, $"/api/todo/lists/{listId}/items/{itemId}", new { done = true }),
            (HttpMethod.Delete, $"/api/todo/lists/{listId}/items/{itemId}", null),
            (HttpMethod.Put, $"/api/todo/lists/{listId}/items/order", new { ids = new[] { itemId } }),
        ];
        foreach (var (method, path, body) in attempts)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await mallory.SendAsync(method, path, body)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Conflict, (await mallory.SendAsync(HttpMethod.Put, "/api/todo/lists/order", new { ids = new[] { listId } })).StatusCode);
        var untouched = await alice.JsonAsync(HttpMethod.Get, $"/api/todo/lists/{listId}");
        Assert.Equal("Secret plans", untouched.GetProperty("title").GetString());
        var item = Assert.Single(untouched.GetProperty("items").EnumerateArray());
        Assert.False(item.GetProperty("done").GetBoolean());
    }

    [Fact]
    public async Task AnItemOfAnotherListOfTheSameUser_IsNotReachableThroughTheWrongList()
    {
        var alice = await UserAsync();
        var groceries = await alice.CreateListAsync("Groceries");
        var work = await alice.CreateListAsync("Work");
        var milk = await alice.AddItemAsync(groceries, "Milk");

        Assert.Equal(HttpStatusCode.NotFound, (await alice.SendAsync(HttpMethod.Patch, $"/api/todo/lists/{work}/items/{milk}", new { done = true })).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("tab\tinside")]
    public async Task CreateList_BadTitle_Is400AndNothingIsWritten(string title)
    {
        var alice = await UserAsync();

        var response = await alice.SendAsync(HttpMethod.Post, "/api/todo/lists", new { title });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("[]", (await alice.JsonAsync(HttpMethod.Get, "/api/todo/lists")).GetRawText());
    }

    [Fact]
    public async Task AddItem_OverLongTitleOrInvalidDate_Is400NamingTheField()
    {
        var alice = await UserAsync();
        var listId = await alice.CreateListAsync();

        var tooLong = await alice.SendAsync(HttpMethod.Post, $"/api/todo/lists/{listId}/items", new { title = new string('x', 201) });
        var badDate = await alice.SendAsync(HttpMethod.Post, $"/api/todo/lists/{listId}/items", new { title = "ok", dueDate = "2026-02-30" });

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("title", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("dueDate", await badDate.Content.ReadAsStringAsync());
        Assert.Empty((await alice.JsonAsync(HttpMethod.Get, $"/api/todo/lists/{listId}")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task UnknownIds_Are404ProblemDetails()
    {
        var alice = await UserAsync();
        var listId = await alice.CreateListAsync();

        var noList = await alice.SendAsync(HttpMethod.Get, "/api/todo/lists/00000000-0000-0000-0000-000000000000");
        var noItem = await alice.SendAsync(HttpMethod.Delete, $"/api/todo/lists/{listId}/items/nope");

        Assert.Equal(HttpStatusCode.NotFound, noList.StatusCode);
        Assert.Equal("application/problem+json", noList.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, noItem.StatusCode);
    }

    [Fact]
    public async Task MalformedJson_Is400ProblemDetails()
    {
        var alice = await UserAsync();
        using var body = new StringContent("{\"title\": ", System.Text.Encoding.UTF8, "application/json");

        var response = await alice.SendAsync(HttpMethod.Post, "/api/todo/lists", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("[]", (await alice.JsonAsync(HttpMethod.Get, "/api/todo/lists")).GetRawText());
    }

    [Fact]
    public async Task WithoutAToken_EveryEndpointIs401()
    {
        var anonymous = _factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/todo/lists", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(new Uri("/api/todo/lists", UriKind.Relative), null)).StatusCode);
    }

    [Fact]
    public async Task ParallelAdds_FromOneUser_AllLand()
    {
        var alice = await UserAsync();
        var listId = await alice.CreateListAsync();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => alice.AddItemAsync(listId, $"item {i}")));

        var list = await alice.JsonAsync(HttpMethod.Get, $"/api/todo/lists/{listId}");
        Assert.Equal(20, list.GetProperty("items").GetArrayLength());
    }

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class EmbeddedTodoApiTests() : TodoApiTests([]);

public sealed class PostgresTodoApiTests() : TodoApiTests(RealEngineSettings.Postgres());
