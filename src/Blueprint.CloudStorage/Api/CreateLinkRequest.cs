namespace Blueprint.CloudStorage.Api;

public sealed record CreateLinkRequest(string? Path, DateTimeOffset? ExpiresAt = null);
