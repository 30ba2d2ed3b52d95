namespace Blueprint.Todo.Storage;

/// <summary>What to change on an item; null leaves a field as it is.</summary>
internal sealed record ItemChange(string? Title, bool? Done, DateOnly? DueDate, bool ClearDueDate);
