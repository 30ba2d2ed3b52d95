namespace Blueprint.UrlShortener;

/// <summary>Settings under <c>UrlShortener</c>.</summary>
public sealed class UrlShortenerOptions
{
    public const string Section = "UrlShortener";

    /// <summary>The public address short links start with (https://sho.rt); the request's own address when unset.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>How long a link lives when its creator gives no expiry (the seed's lifecycle policy); forever when unset.</summary>
    public TimeSpan? DefaultLifetime { get; set; }

    /// <summary>How often the background job retires expired links and counts the key space; zero turns it off.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an expired link stays in its owner's history (shown as expired) before the background job retires it.</summary>
    public TimeSpan ExpiredLinkRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long browsers may cache a permanent (301) redirect. A 301 without a lifetime is cached
    /// for good and never counted again; a day keeps the counting going.
    /// </summary>
    public TimeSpan PermanentRedirectCacheLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>A file of domains nobody may link to, one per line; re-read when it changes.</summary>
    public string? Blocklist { get; set; }

    /// <summary>How many links each host keeps in its in-process redirect cache.</summary>
    public int CachedLinks { get; set; } = 100_000;

    /// <summary>How new keys are made: <c>unique-id</c> (default), <c>key-ranges</c> or <c>hash</c> (see docs/systems/url-shortener.md).</summary>
    public string KeyDesign { get; set; } = "unique-id";

    /// <summary>
    /// The hash design's HMAC secret. Unset, each process draws a random one: keys stay unique, but the
    /// same link would hash differently on another host. Set it to make keys reproducible.
    /// </summary>
    public string? HashSecret { get; set; }

    /// <summary>The key-ranges design's prefix length to start with; a key is one character longer. Grows by one when the space runs low.</summary>
    public int KeyRangePrefixLength { get; set; } = 5;

    /// <summary>How many new ranges the key-ranges design generates at a time when none is free.</summary>
    public int KeyRangeBatch { get; set; } = 1024;
}
