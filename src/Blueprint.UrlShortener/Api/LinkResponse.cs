namespace Blueprint.UrlShortener.Api;

/// <summary>A link as its owner sees it.</summary>
public sealed record LinkResponse(string Key, string ShortUrl, string Url, bool Custom, bool Permanent, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, bool Expired)
{
    /// <summary>Clicks by people (bots apart) so far; given in the history, null elsewhere.</summary>
    public long? Clicks { get; init; }
}
