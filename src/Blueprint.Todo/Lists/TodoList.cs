namespace Blueprint.Todo.Lists;

/// <summary>A todo list as its owner sees it.</summary>
public sealed record TodoList(string Id, string Title, long Position, DateTimeOffset CreatedAt, int ItemCount, int DoneCount);
