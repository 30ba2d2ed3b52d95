namespace Blueprint.Identity.ApiKeys;

/// <summary>One API key as its owner sees it; the secret itself is shown only once, at creation.</summary>
public sealed record ApiKeyInfo(string Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);
