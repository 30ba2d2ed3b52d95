namespace Blueprint.UrlShortener.Api;

/// <summary>POST /api/urls: the URL, and optionally an alias, an expiry and a permanent (301) redirect.</summary>
public sealed record CreateLinkRequest(string? Url, string? Alias, DateTimeOffset? ExpiresAt, bool? Permanent);

/// <summary>PATCH /api/urls/{key}: a new expiry, or null to keep the link forever.</summary>
public sealed record ChangeExpiryRequest(DateTimeOffset? ExpiresAt);

/// <summary>A link as its owner sees it.</summary>
public sealed record LinkResponse(string Key, string ShortUrl, string Url, bool Custom, bool Permanent, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, bool Expired)
{
    /// <summary>Clicks by people (bots apart) so far; given in the history, null elsewhere.</summary>
    public long? Clicks { get; init; }
}

/// <summary>A page of link history, and the cursor of the next page (null at the end).</summary>
public sealed record LinkPage(IReadOnlyList<LinkResponse> Links, string? Next);
