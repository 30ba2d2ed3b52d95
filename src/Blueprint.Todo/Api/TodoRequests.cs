namespace Blueprint.Todo.Api;

/// <summary>Creates or renames a list.</summary>
public sealed record ListRequest(string? Title);

/// <summary>Adds an item; the due date is written yyyy-MM-dd.</summary>
public sealed record NewItemRequest(string? Title, string? DueDate);

/// <summary>Changes an item: only the fields given change; clearDueDate removes the due date.</summary>
public sealed record ItemUpdateRequest(string? Title, bool? Done, string? DueDate, bool ClearDueDate = false);

/// <summary>The complete new order: every id exactly once.</summary>
public sealed record ReorderRequest(IReadOnlyList<string>? Ids);
