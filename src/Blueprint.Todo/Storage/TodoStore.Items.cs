using Blueprint.Todo.Lists;
using Dapper;

namespace Blueprint.Todo.Storage;

internal sealed partial class TodoStore
{
    /// <summary>Adds an item at the end of the owner's list; null when the owner has no such list.</summary>
    public async Task<TodoItem?> AddItemAsync(string owner, string listId, string title, DateOnly? dueDate, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7().ToString();
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        // One statement: the item is inserted only if the list exists and belongs to the owner.
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO items (id, list_id, owner_id, title, done, due_date, position, created_at_ms)
            SELECT @Id, l.id, l.owner_id, @Title, 0, @DueDate,
                   (SELECT COALESCE(MAX(position), -1) + 1 FROM items WHERE list_id = l.id), @Now
            FROM lists l WHERE l.id = @ListId AND l.owner_id = @Owner
            """, new { Id = id, ListId = listId, Owner = owner, Title = title, DueDate = ItemRow.Format(dueDate), Now }, cancellationToken: cancellationToken));
        return inserted == 1 ? await FindItemAsync(connection, owner, listId, id, cancellationToken) : null;
    }

    /// <summary>Changes the given fields of the owner's item; null when the owner has no such item in that list.</summary>
    public async Task<TodoItem?> UpdateItemAsync(string owner, string listId, string itemId, ItemChange change, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE items SET
                title = COALESCE(@Title, title),
                done = COALESCE(@Done, done),
                completed_at_ms = CASE WHEN @Done IS NULL THEN completed_at_ms WHEN @Done = 1 THEN COALESCE(completed_at_ms, @Now) ELSE NULL END,
                due_date = CASE WHEN @ClearDueDate = 1 THEN NULL ELSE COALESCE(@DueDate, due_date) END
            WHERE id = @ItemId AND list_id = @ListId AND owner_id = @Owner
            """,
            new
            {
                change.Title,
                Done = change.Done is { } done ? (long?)(done ? 1 : 0) : null,
                DueDate = ItemRow.Format(change.DueDate),
                ClearDueDate = change.ClearDueDate ? 1L : 0L,
                Now,
                ItemId = itemId,
                ListId = listId,
                Owner = owner,
            },
            cancellationToken: cancellationToken));
        return updated == 1 ? await FindItemAsync(connection, owner, listId, itemId, cancellationToken) : null;
    }

    public async Task<bool> DeleteItemAsync(string owner, string listId, string itemId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM items WHERE id = @ItemId AND list_id = @ListId AND owner_id = @Owner",
            new { ItemId = itemId, ListId = listId, Owner = owner },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<ReorderOutcome> ReorderItemsAsync(string owner, string listId, IReadOnlyList<string> itemIds, CancellationToken cancellationToken)
    {
        await using var connection = await database.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM lists WHERE id = @ListId AND owner_id = @Owner", new { ListId = listId, Owner = owner }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return ReorderOutcome.NotFound;
        }

        var current = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM items WHERE list_id = @ListId AND owner_id = @Owner", new { ListId = listId, Owner = owner }, transaction, cancellationToken: cancellationToken));
        if (!SameMembers(current, itemIds))
        {
            return ReorderOutcome.Mismatch;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE items SET position = @Position WHERE id = @Id AND list_id = @ListId AND owner_id = @Owner",
            itemIds.Select((id, position) => new { Id = id, Position = (long)position, ListId = listId, Owner = owner }),
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return ReorderOutcome.Reordered;
    }

    private static async Task<TodoItem?> FindItemAsync(System.Data.Common.DbConnection connection, string owner, string listId, string itemId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ItemRow>(new CommandDefinition(
            $"SELECT {ItemColumns} FROM items WHERE id = @ItemId AND list_id = @ListId AND owner_id = @Owner",
            new { ItemId = itemId, ListId = listId, Owner = owner },
            cancellationToken: cancellationToken));
        return row?.ToItem();
    }
}
