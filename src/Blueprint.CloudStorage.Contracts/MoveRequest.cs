namespace Blueprint.CloudStorage.Contracts;

/// <summary>A move or rename; with <c>ToNamespace</c> (an id, or "root"), into another namespace the caller may write to.</summary>
public sealed record MoveRequest(string? From, string? To, string? ParentVersion, string? ToNamespace = null);
