namespace Blueprint.Todo.Api;

/// <summary>The complete new order: every id exactly once.</summary>
public sealed record ReorderRequest(IReadOnlyList<string>? Ids);
