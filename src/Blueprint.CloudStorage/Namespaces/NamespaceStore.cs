using System.Data.Common;
using Blueprint.CloudStorage.History;
using Blueprint.Infrastructure.Relational;
using Dapper;
using Microsoft.Extensions.Options;

namespace Blueprint.CloudStorage.Namespaces;

/// <summary>
/// Namespaces and their members. Every lookup goes through the caller's membership, so a namespace
/// the caller is not a member of behaves exactly like one that does not exist.
/// </summary>
internal sealed class NamespaceStore(StorageDatabase database, NamespaceKeys keys, IOptions<CloudStorageOptions> options, TimeProvider time)
{
    private const string Columns = """
        n.id AS Id, n.owner_id AS OwnerId, n.kind AS Kind, n.name AS Name, n.wrapped_key AS WrappedKey,
        n.quota_bytes AS QuotaBytes, n.used_bytes AS UsedBytes, n.change_seq AS ChangeSeq, m.access AS Access
        """;

    /// <summary>The namespace <paramref name="idOrAlias"/> (an id, or "root" for the caller's own) if the caller is a member.</summary>
    public async Task<StorageNamespace?> ResolveAsync(string userId, string idOrAlias, CancellationToken cancellationToken) =>
        idOrAlias == StorageNamespace.RootAlias
            ? await RootOfAsync(userId, cancellationToken)
            : await FindAsync(userId, idOrAlias, cancellationToken);

    /// <summary>The caller's root namespace, created on first use.</summary>
    public async Task<StorageNamespace> RootOfAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        if (await FindRootAsync(connection, userId, cancellationToken) is { } existing)
        {
            return existing;
        }

        try
        {
            await CreateAsync(connection, userId, StorageNamespace.RootKind, "My files", cancellationToken);
        }
        catch (DbException error) when (DbErrors.IsUniqueViolation(error))
        {
            // Two first requests raced; the other made it.
        }

        return await FindRootAsync(connection, userId, cancellationToken)
            ?? throw new InvalidOperationException($"The root namespace of user {userId} was neither found nor created.");
    }

    /// <summary>Every namespace the caller is a member of: their root first, then shared folders by name.</summary>
    public async Task<IReadOnlyList<StorageNamespace>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        await RootOfAsync(userId, cancellationToken);
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<NamespaceRow>(new CommandDefinition(
            $"SELECT {Columns} FROM namespaces n JOIN members m ON m.namespace_id = n.id WHERE m.user_id = @UserId ORDER BY CASE n.kind WHEN 'root' THEN 0 ELSE 1 END, n.name, n.id",
            new { UserId = userId },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToNamespace())];
    }

    /// <summary>A new shared folder owned by the caller, to which they can invite others.</summary>
    public async Task<StorageNamespace> CreateSharedAsync(string userId, string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var id = await CreateAsync(connection, userId, StorageNamespace.SharedKind, name, cancellationToken);
        return (await FindAsync(connection, userId, id, cancellationToken))!;
    }

    private async Task<StorageNamespace?> FindAsync(string userId, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        return await FindAsync(connection, userId, id, cancellationToken);
    }

    private static async Task<StorageNamespace?> FindAsync(DbConnection connection, string userId, string id, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<NamespaceRow>(new CommandDefinition(
            $"SELECT {Columns} FROM namespaces n JOIN members m ON m.namespace_id = n.id WHERE n.id = @Id AND m.user_id = @UserId",
            new { Id = id, UserId = userId },
            cancellationToken: cancellationToken)))?.ToNamespace();

    private static async Task<StorageNamespace?> FindRootAsync(DbConnection connection, string userId, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<NamespaceRow>(new CommandDefinition(
            $"SELECT {Columns} FROM namespaces n JOIN members m ON m.namespace_id = n.id AND m.user_id = n.owner_id WHERE n.owner_id = @UserId AND n.kind = 'root'",
            new { UserId = userId },
            cancellationToken: cancellationToken)))?.ToNamespace();

    private async Task<string> CreateAsync(DbConnection connection, string userId, string kind, string name, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7().ToString("N");
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO namespaces (id, owner_id, kind, name, wrapped_key, quota_bytes, history_head, created_at_ms)
            VALUES (@Id, @UserId, @Kind, @Name, @Key, @Quota, @Genesis, @Now)
            """,
            new { Id = id, UserId = userId, Kind = kind, Name = name, Key = keys.NewWrappedKey(), Quota = options.Value.QuotaBytes, Genesis = HistoryChain.Genesis, Now = now },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO members (namespace_id, user_id, access, added_at_ms) VALUES (@Id, @UserId, 'owner', @Now)",
            new { Id = id, UserId = userId, Now = now },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return id;
    }
}
