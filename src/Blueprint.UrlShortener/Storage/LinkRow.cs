using Blueprint.UrlShortener.Links;

namespace Blueprint.UrlShortener.Storage;

/// <summary>A row of the links table, as Dapper reads it.</summary>
internal sealed class LinkRow
{
    public const string Columns = """
        link_key AS LinkKey, url AS Url, owner_id AS OwnerId, custom AS Custom, permanent AS Permanent,
        created_at_ms AS CreatedAtMs, expires_at_ms AS ExpiresAtMs, deleted_at_ms AS DeletedAtMs
        """;

    public string LinkKey { get; set; } = "";

    public string Url { get; set; } = "";

    public string OwnerId { get; set; } = "";

    public long Custom { get; set; }

    public long Permanent { get; set; }

    public long CreatedAtMs { get; set; }

    public long? ExpiresAtMs { get; set; }

    public long? DeletedAtMs { get; set; }

    /// <summary>Clicks by people (bots apart) over the link's life; read only where a query asks for them.</summary>
    public long Clicks { get; set; }

    public Link ToLink() => new(
        LinkKey,
        Url,
        OwnerId,
        Custom != 0,
        Permanent != 0,
        DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs),
        ExpiresAtMs is { } expires ? DateTimeOffset.FromUnixTimeMilliseconds(expires) : null,
        DeletedAtMs is { } deleted ? DateTimeOffset.FromUnixTimeMilliseconds(deleted) : null);
}
