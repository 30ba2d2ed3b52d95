namespace Blueprint.UrlShortener;

/// <summary>Settings under <c>UrlShortener</c>.</summary>
public sealed class UrlShortenerOptions
{
    public const string Section = "UrlShortener";

    /// <summary>The public address short links start with (https://sho.rt); the request's own address when unset.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>How long a link lives when its creator gives no expiry (the seed's lifecycle policy); forever when unset.</summary>
    public TimeSpan? DefaultLifetime { get; set; }

    /// <summary>
    /// How long browsers may cache a permanent (301) redirect. A 301 without a lifetime is cached
    /// for good and never counted again; a day keeps the counting going.
    /// </summary>
    public TimeSpan PermanentRedirectCacheLifetime { get; set; } = TimeSpan.FromDays(1);
}
