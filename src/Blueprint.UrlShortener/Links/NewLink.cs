namespace Blueprint.UrlShortener.Links;

/// <summary>What a create asked for, validated.</summary>
internal sealed record NewLink(Uri Url, string? Alias, DateTimeOffset? ExpiresAt, bool Permanent);
