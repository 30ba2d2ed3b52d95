namespace Blueprint.Todo.Api;

/// <summary>Adds an item; the due date is written yyyy-MM-dd.</summary>
public sealed record NewItemRequest(string? Title, string? DueDate = null);
