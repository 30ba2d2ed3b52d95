using System.Security.Claims;
using Blueprint.Identity.Contracts;
using Blueprint.Modules;
using Blueprint.Todo.Lists;
using Blueprint.Todo.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Blueprint.Todo.Api;

/// <summary>The todo service's API: a signed-in user's lists and items, and nobody else's.</summary>
internal static class TodoApi
{
    public static RouteGroupBuilder MapTodoApi(this IEndpointRouteBuilder app)
    {
        var todo = app.MapGroup("/api/todo")
            .WithTags("Todo")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        todo.MapGet("/lists", ListsAsync).WithName("ListTodoLists").WithSummary("The caller's lists, in their order, with item counts.");
        todo.MapPost("/lists", CreateListAsync).WithName("CreateTodoList").WithSummary("Creates a list at the end.");
        todo.MapPut("/lists/order", ReorderListsAsync).WithName("ReorderTodoLists").WithSummary("Puts the caller's lists in the given order.");
        todo.MapGet("/lists/{listId}", GetListAsync).WithName("GetTodoList").WithSummary("A list with its items.");
        todo.MapPatch("/lists/{listId}", RenameListAsync).WithName("RenameTodoList").WithSummary("Renames a list.");
        todo.MapDelete("/lists/{listId}", DeleteListAsync).WithName("DeleteTodoList").WithSummary("Deletes a list and its items.");
        todo.MapPost("/lists/{listId}/items", AddItemAsync).WithName("AddTodoItem").WithSummary("Adds an item at the end of a list.");
        todo.MapPut("/lists/{listId}/items/order", ReorderItemsAsync).WithName("ReorderTodoItems").WithSummary("Puts a list's items in the given order.");
        todo.MapPatch("/lists/{listId}/items/{itemId}", UpdateItemAsync).WithName("UpdateTodoItem").WithSummary("Renames, completes or re-dates an item.");
        todo.MapDelete("/lists/{listId}/items/{itemId}", DeleteItemAsync).WithName("DeleteTodoItem").WithSummary("Deletes an item.");
        return todo;
    }

    private static async Task<Ok<IReadOnlyList<TodoList>>> ListsAsync(ClaimsPrincipal user, TodoStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListsAsync(user.UserId(), cancellationToken));

    private static async Task<Results<Created<TodoList>, ValidationProblem>> CreateListAsync(ListRequest request, ClaimsPrincipal user, TodoStore store, CancellationToken cancellationToken)
    {
        var (title, error) = TodoInput.Title(request.Title);
        if (error is not null)
        {
            return TypedResults.ValidationProblem(ValidationErrors.Of(("title", error)));
        }

        var list = await store.CreateListAsync(user.UserId(), title!, cancellationToken);
        return TypedResults.Created($"/api/todo/lists/{list.Id}", list);
    }

    private static async Task<Results<Ok<TodoListDetail>, ProblemHttpResult>> GetListAsync(string listId, ClaimsPrincipal user, TodoStore store, CancellationToken cancellationToken) =>
        await store.GetListAsync(user.UserId(), listId, cancellationToken) is { } list ? TypedResults.Ok(list) : NoSuchList(listId);

    private static async Task<Results<Ok<TodoList>, ProblemHttpResult, ValidationProblem>> RenameListAsync(
        string listId, ListRequest request, ClaimsPrincipal user, TodoStore store, CancellationToken cancellationToken)
    {
        var (title, error) = TodoInput.Title(request.Title);
        if (error is not null)
        {
            return TypedResults.ValidationProblem(ValidationErrors.Of(("title", error)));
        }

        return await store.RenameListAsync(user.UserId(), listId, title!, cancellationToken) is { } list ? TypedResults.Ok(list) : NoSuchList(listId);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteListAsync(string listId, ClaimsPrincipal user, TodoStore store, CancellationToken cancellationToken) =>
        await store.DeleteListAsync(user.UserId(), listId, cancellationToken) ? TypedResults.NoContent() : NoSuchList(listId);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ReorderListsAsync(
        ReorderRequest request, ClaimsPrincipal user, TodoStore store, CancellationToken cancellationToken)
    {
        if (request.Ids is null)
        {
            return TypedResults.ValidationProblem(ValidationErrors.Of(("ids", "Give every list's id, in the new order.")));
        }

        return await store.ReorderListsAsync(user.UserId(), request.Ids, cancellationToken) == ReorderOutcome.Reordered
            ? TypedResults.NoContent()
            : OrderMismatch("lists");
    }

    private static async Task<Results<Created<TodoItem>, ProblemHttpResult, ValidationProblem>> AddItemAsync(
        string listId, NewItemRequest request, ClaimsPrincipal user, TodoStore store, CancellationToken cancellationToken)
    {
        var (title, titleError) = TodoInput.Title(request.Title);
        var (due, dueError) = TodoInput.DueDate(request.DueDate);
        if (titleError is not null || dueError is not null)
        {
            return TypedResults.ValidationProblem(ValidationErrors.Of(("title", titleError), ("dueDate", dueError)));
        }

        return await store.AddItemAsync(user.UserId(), listId, title!, due, cancellationToken) is { } item
            ? TypedResults.Created($"/api/todo/lists/{listId}/items/{item.Id}", item)
            : NoSuchList(listId);
    }

    private static async Task<Results<Ok<TodoItem>, ProblemHttpResult, ValidationProblem>> UpdateItemAsync(
        string listId, string itemId, ItemUpdateRequest request, ClaimsPrincipal user, TodoStore store, CancellationToken cancellationToken)
    {
        var (title, titleError) = request.Title is null ? (null, null) : TodoInput.Title(request.Title);
        var (due, dueError) = TodoInput.DueDate(request.DueDate);
        var conflict = request.ClearDueDate && request.DueDate is not null ? "Give a due date or clear it, not both." : null;
        if (titleError is not null || dueError is not null || conflict is not null)
        {
            return TypedResults.ValidationProblem(ValidationErrors.Of(("title", titleError), ("dueDate", dueError ?? conflict)));
        }

        var item = await store.UpdateItemAsync(user.UserId(), listId, itemId, new ItemChange(title, request.Done, due, request.ClearDueDate), cancellationToken);
        return item is null ? NoSuchItem(itemId) : TypedResults.Ok(item);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteItemAsync(
        string listId, string itemId, ClaimsPrincipal user, TodoStore store, CancellationToken cancellationToken) =>
        await store.DeleteItemAsync(user.UserId(), listId, itemId, cancellationToken) ? TypedResults.NoContent() : NoSuchItem(itemId);

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> ReorderItemsAsync(
        string listId, ReorderRequest request, ClaimsPrincipal user, TodoStore store, CancellationToken cancellationToken)
    {
        if (request.Ids is null)
        {
            return TypedResults.ValidationProblem(ValidationErrors.Of(("ids", "Give every item's id, in the new order.")));
        }

        return await store.ReorderItemsAsync(user.UserId(), listId, request.Ids, cancellationToken) switch
        {
            ReorderOutcome.Reordered => TypedResults.NoContent(),
            ReorderOutcome.NotFound => NoSuchList(listId),
            _ => OrderMismatch("items"),
        };
    }

    private static ProblemHttpResult NoSuchList(string listId) => NotFound("No such list", $"You have no list '{listId}'.");

    private static ProblemHttpResult NoSuchItem(string itemId) => NotFound("No such item", $"You have no item '{itemId}' in that list.");

    private static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status404NotFound);

    // 409: the order was computed from a view of the list that is no longer current.
    private static ProblemHttpResult OrderMismatch(string what) => TypedResults.Problem(
        title: "The order does not match",
        detail: $"Give every one of your {what} exactly once; the {what} changed since you read them, or an id is not yours.",
        statusCode: StatusCodes.Status409Conflict);
}
