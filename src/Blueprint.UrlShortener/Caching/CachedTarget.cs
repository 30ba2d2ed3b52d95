using Blueprint.UrlShortener.Links;

namespace Blueprint.UrlShortener.Caching;

/// <summary>Where a key leads, as the redirect needs it; <see cref="Missing"/> is a negative entry for a key that does not exist.</summary>
internal sealed record CachedTarget(string? Url, bool Permanent, long? ExpiresAtMs, bool Deleted)
{
    public static CachedTarget Missing { get; } = new(null, false, null, false);

    public static CachedTarget Of(Link? link) =>
        link is null ? Missing : new(link.Url, link.Permanent, link.ExpiresAt?.ToUnixTimeMilliseconds(), link.DeletedAt is not null);
}
