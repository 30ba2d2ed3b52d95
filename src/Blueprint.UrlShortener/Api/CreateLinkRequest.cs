namespace Blueprint.UrlShortener.Api;

/// <summary>POST /api/urls: the URL, and optionally an alias, an expiry and a permanent (301) redirect.</summary>
public sealed record CreateLinkRequest(string? Url, string? Alias = null, DateTimeOffset? ExpiresAt = null, bool? Permanent = null);
