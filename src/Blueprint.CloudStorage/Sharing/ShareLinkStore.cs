using System.Security.Cryptography;
using System.Text;
using Blueprint.CloudStorage.Files;
using Blueprint.CloudStorage.Namespaces;
using Dapper;

namespace Blueprint.CloudStorage.Sharing;

/// <summary>A download link: anyone holding its token may download the file's current version until it expires or is revoked.</summary>
internal sealed record ShareLink(string Id, string FileId, string Path, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

/// <summary>What a link's token opens, when it still opens anything.</summary>
internal sealed record OpenedLink(string LinkId, StorageNamespace Namespace, FileEntry File, string CreatedBy);

/// <summary>Download links, stored by the SHA-256 of their token.</summary>
internal sealed class ShareLinkStore(StorageDatabase database, TimeProvider time)
{
    private const string Columns = "l.id AS Id, l.file_id AS FileId, f.path AS Path, l.created_by AS CreatedBy, l.created_at_ms AS CreatedAtMs, l.expires_at_ms AS ExpiresAtMs";

    /// <summary>Makes a link to a live file; returns it with its token, which is shown once and never stored.</summary>
    public async Task<(ShareLink Link, string Token)> CreateAsync(StorageNamespace ns, FileEntry file, string userId, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(18));
        var id = Guid.CreateVersion7().ToString("N");
        var now = time.GetUtcNow();
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO share_links (id, namespace_id, file_id, token_hash, created_by, created_at_ms, expires_at_ms)
            VALUES (@Id, @Ns, @FileId, @TokenHash, @UserId, @Now, @Expires)
            """,
            new { Id = id, Ns = ns.Id, FileId = file.Id, TokenHash = HashOf(token), UserId = userId, Now = now.ToUnixTimeMilliseconds(), Expires = expiresAt?.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return (new ShareLink(id, file.Id, file.Path, userId, now, expiresAt), token);
    }

    /// <summary>The namespace's links that still work.</summary>
    public async Task<IReadOnlyList<ShareLink>> ListAsync(StorageNamespace ns, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<LinkRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM share_links l JOIN files f ON f.id = l.file_id
            WHERE l.namespace_id = @Ns AND l.revoked = 0 AND f.deleted = 0 AND (l.expires_at_ms IS NULL OR l.expires_at_ms > @Now)
            ORDER BY l.created_at_ms DESC
            """,
            new { Ns = ns.Id, Now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToLink())];
    }

    public async Task<bool> RevokeAsync(StorageNamespace ns, string linkId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE share_links SET revoked = 1 WHERE namespace_id = @Ns AND id = @Id AND revoked = 0", new { Ns = ns.Id, Id = linkId }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>What <paramref name="token"/> opens: the namespace and the file, now.</summary>
    public async Task<(LinkState State, OpenedLink? Link)> OpenAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<LinkHead, NamespaceRow, FileRow, (LinkHead Link, NamespaceRow Ns, FileRow File)>(new CommandDefinition(
            """
            SELECT l.id AS LinkId, l.created_by AS CreatedBy, l.expires_at_ms AS ExpiresAtMs, l.revoked AS Revoked,
                   n.id AS Id, n.owner_id AS OwnerId, n.kind AS Kind, n.name AS Name, n.wrapped_key AS WrappedKey,
                   n.quota_bytes AS QuotaBytes, n.used_bytes AS UsedBytes, n.change_seq AS ChangeSeq, 'read' AS Access,
                   f.id AS Id, f.path AS Path, f.head_version AS HeadVersion, f.head_number AS HeadNumber, f.size AS Size,
                   f.content_hash AS ContentHash, f.deleted AS Deleted, f.modified_at_ms AS ModifiedAtMs, f.change_seq AS ChangeSeq
            FROM share_links l JOIN namespaces n ON n.id = l.namespace_id JOIN files f ON f.id = l.file_id
            WHERE l.token_hash = @TokenHash
            """,
            new { TokenHash = HashOf(token) },
            cancellationToken: cancellationToken),
            (link, ns, file) => (link, ns, file),
            splitOn: "Id,Id");
        var (head, nsRow, fileRow) = rows.SingleOrDefault();
        if (head is null || head.Revoked != 0 || fileRow.Deleted != 0)
        {
            return (LinkState.Unknown, null);
        }

        if (head.ExpiresAtMs is { } expires && expires <= time.GetUtcNow().ToUnixTimeMilliseconds())
        {
            return (LinkState.Expired, null);
        }

        return (LinkState.Valid, new OpenedLink(head.LinkId, nsRow.ToNamespace(), fileRow.ToEntry(), head.CreatedBy));
    }

    private static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class LinkRow
    {
        public string Id { get; init; } = "";

        public string FileId { get; init; } = "";

        public string Path { get; init; } = "";

        public string CreatedBy { get; init; } = "";

        public long CreatedAtMs { get; init; }

        public long? ExpiresAtMs { get; init; }

        public ShareLink ToLink() =>
            new(Id, FileId, Path, CreatedBy, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs), ExpiresAtMs is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : null);
    }

    private sealed class LinkHead
    {
        public string LinkId { get; init; } = "";

        public string CreatedBy { get; init; } = "";

        public long? ExpiresAtMs { get; init; }

        public long Revoked { get; init; }
    }
}
