namespace Blueprint.Todo.Api;

/// <summary>Creates or renames a list.</summary>
public sealed record ListRequest(string? Title);
