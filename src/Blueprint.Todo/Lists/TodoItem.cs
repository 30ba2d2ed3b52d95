namespace Blueprint.Todo.Lists;

/// <summary>One todo.</summary>
public sealed record TodoItem(string Id, string ListId, string Title, bool Done, DateOnly? DueDate, long Position, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);
