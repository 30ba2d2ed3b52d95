namespace Blueprint.Todo.Lists;

/// <summary>A list with its items, in their order.</summary>
public sealed record TodoListDetail(string Id, string Title, DateTimeOffset CreatedAt, IReadOnlyList<TodoItem> Items);
