namespace Blueprint.CloudStorage.Api;

public sealed record LinkResponse(string Id, string Path, string FileId, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, string? Url);
