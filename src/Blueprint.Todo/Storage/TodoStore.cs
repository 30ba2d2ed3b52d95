using Blueprint.Todo.Lists;
using Dapper;

namespace Blueprint.Todo.Storage;

/// <summary>
/// Lists and items, always scoped by owner: every statement carries <c>owner_id = @Owner</c>, so
/// another user's ids behave exactly like ids that do not exist.
/// </summary>
internal sealed partial class TodoStore(TodoDatabase database, TimeProvider time)
{
    private const string ListColumns = """
        l.id AS Id, l.title AS Title, l.position AS Position, l.created_at_ms AS CreatedAtMs,
        (SELECT COUNT(*) FROM items i WHERE i.list_id = l.id) AS ItemCount,
        (SELECT COUNT(*) FROM items i WHERE i.list_id = l.id AND i.done = 1) AS DoneCount
        """;

    private const string ItemColumns = """
        id AS Id, list_id AS ListId, title AS Title, done AS Done, due_date AS DueDate, position AS Position,
        created_at_ms AS CreatedAtMs, completed_at_ms AS CompletedAtMs
        """;

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<IReadOnlyList<TodoList>> ListsAsync(string owner, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ListRow>(new CommandDefinition(
            $"SELECT {ListColumns} FROM lists l WHERE l.owner_id = @Owner ORDER BY l.position, l.id", new { Owner = owner }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToList()).ToList();
    }

    public async Task<TodoList> CreateListAsync(string owner, string title, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7().ToString();
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO lists (id, owner_id, title, position, created_at_ms)
            VALUES (@Id, @Owner, @Title, (SELECT COALESCE(MAX(position), -1) + 1 FROM lists WHERE owner_id = @Owner), @Now)
            """, new { Id = id, Owner = owner, Title = title, Now }, cancellationToken: cancellationToken));
        return (await FindListAsync(connection, owner, id, cancellationToken))!.ToList();
    }

    public async Task<TodoListDetail?> GetListAsync(string owner, string listId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var list = await FindListAsync(connection, owner, listId, cancellationToken);
        if (list is null)
        {
            return null;
        }

        var items = await connection.QueryAsync<ItemRow>(new CommandDefinition(
            $"SELECT {ItemColumns} FROM items WHERE list_id = @ListId AND owner_id = @Owner ORDER BY position, id",
            new { ListId = listId, Owner = owner },
            cancellationToken: cancellationToken));
        return new TodoListDetail(list.Id, list.Title, DateTimeOffset.FromUnixTimeMilliseconds(list.CreatedAtMs), items.Select(i => i.ToItem()).ToList());
    }

    public async Task<TodoList?> RenameListAsync(string owner, string listId, string title, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var renamed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE lists SET title = @Title WHERE id = @ListId AND owner_id = @Owner", new { Title = title, ListId = listId, Owner = owner }, cancellationToken: cancellationToken));
        return renamed == 1 ? (await FindListAsync(connection, owner, listId, cancellationToken))!.ToList() : null;
    }

    public async Task<bool> DeleteListAsync(string owner, string listId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Items go first and explicitly: the cascade is a safety net, not the plan.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM items WHERE list_id = @ListId AND owner_id = @Owner", new { ListId = listId, Owner = owner }, transaction, cancellationToken: cancellationToken));
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM lists WHERE id = @ListId AND owner_id = @Owner", new { ListId = listId, Owner = owner }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return deleted == 1;
    }

    public async Task<ReorderOutcome> ReorderListsAsync(string owner, IReadOnlyList<string> listIds, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM lists WHERE owner_id = @Owner", new { Owner = owner }, transaction, cancellationToken: cancellationToken));
        if (!SameMembers(current, listIds))
        {
            return ReorderOutcome.Mismatch;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE lists SET position = @Position WHERE id = @Id AND owner_id = @Owner",
            listIds.Select((id, position) => new { Id = id, Position = (long)position, Owner = owner }),
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return ReorderOutcome.Reordered;
    }

    private static async Task<ListRow?> FindListAsync(System.Data.Common.DbConnection connection, string owner, string listId, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<ListRow>(new CommandDefinition(
            $"SELECT {ListColumns} FROM lists l WHERE l.id = @ListId AND l.owner_id = @Owner", new { ListId = listId, Owner = owner }, cancellationToken: cancellationToken));

    private static bool SameMembers(IEnumerable<string> current, IReadOnlyList<string> proposed) =>
        proposed.Distinct(StringComparer.Ordinal).Count() == proposed.Count && current.ToHashSet(StringComparer.Ordinal).SetEquals(proposed);
}
