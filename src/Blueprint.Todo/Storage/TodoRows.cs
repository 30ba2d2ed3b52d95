using System.Globalization;
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

internal sealed record ItemRow
{
    public const string DateFormat = "yyyy-MM-dd";

    public string Id { get; init; } = "";

    public string ListId { get; init; } = "";

    public string Title { get; init; } = "";

    public long Done { get; init; }

    public string? DueDate { get; init; }

    public long Position { get; init; }

    public long CreatedAtMs { get; init; }

    public long? CompletedAtMs { get; init; }

    public TodoItem ToItem() => new(
        Id,
        ListId,
        Title,
        Done != 0,
        DueDate is null ? null : DateOnly.ParseExact(DueDate, DateFormat, CultureInfo.InvariantCulture),
        Position,
        DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs),
        CompletedAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);

    public static string? Format(DateOnly? date) => date?.ToString(DateFormat, CultureInfo.InvariantCulture);
}
