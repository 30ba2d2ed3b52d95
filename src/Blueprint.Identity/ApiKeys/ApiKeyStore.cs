using Blueprint.Identity.Users;
using Dapper;

namespace Blueprint.Identity.ApiKeys;

/// <summary>API keys in the user service's database: created, listed and revoked by their owner only.</summary>
internal sealed class ApiKeyStore(IdentityDatabase database, TimeProvider time)
{
    private const string Columns = "id AS Id, name AS Name, prefix AS Prefix, created_at_ms AS CreatedAtMs, last_used_ms AS LastUsedMs, revoked_at_ms AS RevokedAtMs";
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private sealed record Row(string Id, string Name, string Prefix, long CreatedAtMs, long? LastUsedMs, long? RevokedAtMs)
    {
        public ApiKeyInfo ToInfo() => new(Id, Name, Prefix, At(CreatedAtMs), LastUsedMs is { } u ? At(u) : null, RevokedAtMs is { } r ? At(r) : null);

        private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    private sealed record KeyOwner(string Id, string UserId);

    public async Task<(ApiKeyInfo Info, string Key)> CreateAsync(string userId, string name, CancellationToken cancellationToken)
    {
        var (key, prefix, hash) = ApiKeySecret.Create();
        var row = new Row(Guid.CreateVersion7().ToString(), name, prefix, time.GetUtcNow().ToUnixTimeMilliseconds(), null, null);
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO api_keys (id, user_id, name, prefix, key_hash, created_at_ms) VALUES (@Id, @UserId, @Name, @Prefix, @Hash, @CreatedAtMs)",
            new { row.Id, UserId = userId, row.Name, row.Prefix, Hash = hash, row.CreatedAtMs },
            cancellationToken: cancellationToken));
        return (row.ToInfo(), key);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM api_keys WHERE user_id = @UserId ORDER BY created_at_ms, id", new { UserId = userId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToInfo()).ToList();
    }

    /// <summary>Revokes the owner's key; false when the user owns no such key (or it was revoked already).</summary>
    public async Task<bool> RevokeAsync(string userId, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var revoked = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at_ms = @Now WHERE id = @Id AND user_id = @UserId AND revoked_at_ms IS NULL",
            new { Id = id, UserId = userId, Now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return revoked == 1;
    }

    /// <summary>The owner of a live key, or null for an unknown or revoked one.</summary>
    public async Task<string?> FindOwnerAsync(string key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var live = await connection.QuerySingleOrDefaultAsync<KeyOwner>(new CommandDefinition(
            "SELECT id AS Id, user_id AS UserId FROM api_keys WHERE key_hash = @Hash AND revoked_at_ms IS NULL",
            new { Hash = ApiKeySecret.Hash(key) },
            cancellationToken: cancellationToken));
        if (live is null)
        {
            return null;
        }

        // Record use at most once a minute per key: a write per request would double the cost of every call.
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET last_used_ms = @Now WHERE id = @Id AND (last_used_ms IS NULL OR last_used_ms < @Stale)",
            new { live.Id, Now = now, Stale = now - (long)LastUsedResolution.TotalMilliseconds },
            cancellationToken: cancellationToken));
        return live.UserId;
    }
}
