namespace Blueprint.Todo.Api;

/// <summary>Changes an item: only the fields given change; clearDueDate removes the due date.</summary>
public sealed record ItemUpdateRequest(string? Title = null, bool? Done = null, string? DueDate = null, bool ClearDueDate = false);
