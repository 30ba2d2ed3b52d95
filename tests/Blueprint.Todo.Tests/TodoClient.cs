using System.Net;

namespace Blueprint.Todo.Tests;

/// <summary>The todo API's calls, for a signed-in user.</summary>
internal static class TodoClient
{
    public static async Task<string> CreateListAsync(this SignedInClient client, string title = "Groceries") =>
        (await client.JsonAsync(HttpMethod.Post, "/api/todo/lists", new { title }, HttpStatusCode.Created)).GetProperty("id").GetString()!;

    public static async Task<string> AddItemAsync(this SignedInClient client, string listId, string title = "Milk", string? dueDate = null) =>
        (await client.JsonAsync(HttpMethod.Post, $"/api/todo/lists/{listId}/items", new { title, dueDate }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
}
