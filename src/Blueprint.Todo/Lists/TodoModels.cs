namespace Blueprint.Todo.Lists;

/// <summary>A todo list as its owner sees it.</summary>
public sealed record TodoList(string Id, string Title, long Position, DateTimeOffset CreatedAt, int ItemCount, int DoneCount);

/// <summary>A list with its items, in their order.</summary>
public sealed record TodoListDetail(string Id, string Title, DateTimeOffset CreatedAt, IReadOnlyList<TodoItem> Items);

/// <summary>One todo.</summary>
public sealed record TodoItem(string Id, string ListId, string Title, bool Done, DateOnly? DueDate, long Position, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);
