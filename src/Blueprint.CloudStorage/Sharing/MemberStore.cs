using Blueprint.CloudStorage.Namespaces;
using Dapper;

namespace Blueprint.CloudStorage.Sharing;

/// <summary>Who may use a shared folder, and how (read, or read and write). Only its owner changes that; a member may leave.</summary>
internal sealed class MemberStore(StorageDatabase database, TimeProvider time)
{
    public async Task<IReadOnlyList<Member>> ListAsync(StorageNamespace ns, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string UserId, string Access, long AddedAtMs)>(new CommandDefinition(
            "SELECT user_id, access, added_at_ms FROM members WHERE namespace_id = @Ns ORDER BY added_at_ms, user_id",
            new { Ns = ns.Id },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new Member(r.UserId, null, AccessNames.Parse(r.Access), DateTimeOffset.FromUnixTimeMilliseconds(r.AddedAtMs)))];
    }

    /// <summary>Adds the user, or changes their access; never the owner's.</summary>
    public async Task<bool> SetAsync(StorageNamespace ns, string userId, Access access, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO members (namespace_id, user_id, access, added_at_ms) VALUES (@Ns, @UserId, @Access, @Now)
            ON CONFLICT (namespace_id, user_id) DO UPDATE SET access = excluded.access WHERE members.access <> 'owner'
            """,
            new { Ns = ns.Id, UserId = userId, Access = AccessNames.Name(access), Now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return changed == 1;
    }

    /// <summary>Removes a member (never the owner); true when they were one.</summary>
    public async Task<bool> RemoveAsync(StorageNamespace ns, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM members WHERE namespace_id = @Ns AND user_id = @UserId AND access <> 'owner'",
            new { Ns = ns.Id, UserId = userId },
            cancellationToken: cancellationToken)) == 1;
    }
}
