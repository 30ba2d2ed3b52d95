namespace Blueprint.UrlShortener.Links;

/// <summary>A short link as stored: its key, where it goes, whose it is, and how long it lives.</summary>
internal sealed record Link(string Key, string Url, string OwnerId, bool Custom, bool Permanent, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? DeletedAt)
{
    /// <summary>True when a redirect should answer 410: deleted, or past its expiry at <paramref name="now"/>.</summary>
    public bool IsGone(DateTimeOffset now) => DeletedAt is not null || ExpiresAt <= now;
}
