using Blueprint.Todo.Lists;

namespace Blueprint.Todo.Storage;

/// <summary>Rows as both engines return them: flags as 0/1, instants as Unix milliseconds, dates as yyyy-MM-dd.</summary>
internal sealed record ListRow
{
    public string Id { get; init; } = "";

    public string Title { get; init; } = "";

    public long Position { get; init; }

    public long CreatedAtMs { get; init; }

    public long ItemCount { get; init; }

    public long DoneCount { get; init; }

    public TodoList ToList() => new(Id, Title, Position, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs), (int)ItemCount, (int)DoneCount);
}
