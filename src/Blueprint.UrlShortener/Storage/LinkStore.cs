using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Blueprint.Infrastructure.Relational;
using Blueprint.UrlShortener.Keys;
using Blueprint.UrlShortener.Links;
using Dapper;

namespace Blueprint.UrlShortener.Storage;

/// <summary>
/// The links table. Reads by key serve redirects; everything a user changes is scoped by owner, so
/// another user's key behaves exactly like a key that does not exist.
/// </summary>
internal sealed class LinkStore(LinkDatabase database, IKeyGenerator keys, KeyMetrics metrics, TimeProvider time)
{
    private const int KeyAttempts = 5;

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The link behind <paramref name="key"/>, live or not, or null when there never was one.</summary>
    public async Task<Link?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<LinkRow>(new CommandDefinition(
            $"SELECT {LinkRow.Columns} FROM links WHERE link_key = @Key", new { Key = key }, cancellationToken: cancellationToken)))?.ToLink();
    }

    /// <summary>
    /// Creates a link, or returns the caller's live link for the same URL when no alias is asked for
    /// (003 §8: the same user shortening the same URL gets the same short URL).
    /// </summary>
    public async Task<(CreateOutcome Outcome, Link? Link)> CreateAsync(string owner, NewLink link, CancellationToken cancellationToken)
    {
        var url = link.Url.AbsoluteUri;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)));
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        if (link.Alias is null && await LiveLinkForAsync(connection, owner, hash, cancellationToken) is { } existing)
        {
            return (CreateOutcome.Existing, existing);
        }

        for (var attempt = 1; ; attempt++)
        {
            var key = link.Alias ?? await keys.NextAsync(new KeyRequest(owner, url), attempt, cancellationToken);
            // UTC milliseconds, as stored, so the link returned equals the row.
            var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(Now);
            var expiresAt = link.ExpiresAt is { } expires ? DateTimeOffset.FromUnixTimeMilliseconds(expires.ToUnixTimeMilliseconds()) : (DateTimeOffset?)null;
            try
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO links (link_key, url, url_hash, owner_id, custom, permanent, created_at_ms, expires_at_ms)
                    VALUES (@Key, @Url, @Hash, @Owner, @Custom, @Permanent, @Now, @ExpiresAt)
                    """,
                    new { Key = key, Url = url, Hash = hash, Owner = owner, Custom = link.Alias is null ? 0 : 1, Permanent = link.Permanent ? 1 : 0, Now = createdAt.ToUnixTimeMilliseconds(), ExpiresAt = expiresAt?.ToUnixTimeMilliseconds() },
                    cancellationToken: cancellationToken));
                if (link.Alias is null)
                {
                    keys.Issued(key);
                    metrics.Issued(keys.Design);
                }

                // The row holds exactly what was inserted: no need to read it back.
                return (CreateOutcome.Created, new Link(key, url, owner, link.Alias is not null, link.Permanent, createdAt, expiresAt, null));
            }
            catch (DbException error) when (DbErrors.IsUniqueViolation(error))
            {
                if (link.Alias is not null)
                {
                    return (CreateOutcome.AliasTaken, null);
                }

                // A concurrent create of the same URL by the same user won: return its link.
                if (await LiveLinkForAsync(connection, owner, hash, cancellationToken) is { } winner)
                {
                    return (CreateOutcome.Existing, winner);
                }

                // The key itself was taken (an alias, or another host's hash): the design offers another.
                keys.Issued(key);
                metrics.Collision(keys.Design);

                if (attempt == KeyAttempts)
                {
                    throw;
                }
            }
        }
    }

    /// <summary>The caller's links with their clicks (bots apart), newest or oldest first, a page at a time after <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<ListedLink>> HistoryAsync(string owner, bool newestFirst, LinkCursor? after, int limit, CancellationToken cancellationToken)
    {
        var (order, compare) = newestFirst ? ("DESC", "<") : ("ASC", ">");
        var where = after is null ? string.Empty : $"AND (created_at_ms {compare} @AfterMs OR (created_at_ms = @AfterMs AND link_key {compare} @AfterKey))";
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<LinkRow>(new CommandDefinition(
            $"""
            SELECT {LinkRow.Columns},
                (SELECT COALESCE(SUM(c.clicks), 0) FROM click_daily c WHERE c.link_key = links.link_key AND c.bot = 0) AS Clicks
            FROM links WHERE owner_id = @Owner AND deleted_at_ms IS NULL {where} ORDER BY created_at_ms {order}, link_key {order} LIMIT @Limit
            """,
            new { Owner = owner, AfterMs = after?.CreatedAtMs, AfterKey = after?.Key, Limit = limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ListedLink(r.ToLink(), r.Clicks))];
    }

    /// <summary>The caller's own live-or-expired (not deleted) link, or null.</summary>
    public async Task<Link?> FindOwnAsync(string owner, string key, CancellationToken cancellationToken) =>
        await FindAsync(key, cancellationToken) is { DeletedAt: null } link && link.OwnerId == owner ? link : null;

    /// <summary>Deletes the caller's link: its key answers 410 from now on and is never issued again.</summary>
    public async Task<bool> DeleteAsync(string owner, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE links SET deleted_at_ms = @Now WHERE link_key = @Key AND owner_id = @Owner AND deleted_at_ms IS NULL",
            new { Key = key, Owner = owner, Now }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Changes (or clears) the expiry of the caller's link.</summary>
    public async Task<Link?> SetExpiryAsync(string owner, string key, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE links SET expires_at_ms = @ExpiresAt WHERE link_key = @Key AND owner_id = @Owner AND deleted_at_ms IS NULL",
            new { Key = key, Owner = owner, ExpiresAt = expiresAt?.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        return changed == 1 ? await FindAsync(key, cancellationToken) : null;
    }

    /// <summary>
    /// Retires up to <paramref name="limit"/> links whose expiry passed before <paramref name="cutoff"/>
    /// (the seed's lifecycle policy): they leave their owner's history and the URL gets a fresh key
    /// when shortened again; the key itself stays taken for good. Retired at their expiry time, so the
    /// row says when the link ended. Idempotent, so hosts may sweep at once.
    /// </summary>
    /// <returns>How many links this call retired.</returns>
    public async Task<int> RetireExpiredAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE links SET deleted_at_ms = expires_at_ms
            WHERE link_key IN (SELECT link_key FROM links WHERE expires_at_ms <= @Cutoff AND deleted_at_ms IS NULL ORDER BY expires_at_ms LIMIT @Limit)
            """, new { Cutoff = cutoff.ToUnixTimeMilliseconds(), Limit = limit }, cancellationToken: cancellationToken));
    }

    // A generated link of this owner for this URL that has not been deleted; an expired one is retired
    // (deleted) so the URL can get a fresh key.
    private async Task<Link?> LiveLinkForAsync(DbConnection connection, string owner, string hash, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<LinkRow>(new CommandDefinition(
            $"SELECT {LinkRow.Columns} FROM links WHERE owner_id = @Owner AND url_hash = @Hash AND custom = 0 AND deleted_at_ms IS NULL",
            new { Owner = owner, Hash = hash }, cancellationToken: cancellationToken));
        if (row?.ToLink() is not { } link)
        {
            return null;
        }

        if (!link.IsGone(time.GetUtcNow()))
        {
            return link;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE links SET deleted_at_ms = @Now WHERE link_key = @Key AND deleted_at_ms IS NULL", new { link.Key, Now }, cancellationToken: cancellationToken));
        return null;
    }
}

/// <summary>A link in its owner's history, with its clicks by people so far.</summary>
internal sealed record ListedLink(Link Link, long Clicks);
