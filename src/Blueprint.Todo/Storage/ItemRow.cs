using System.Globalization;
using Blueprint.Todo.Lists;

namespace Blueprint.Todo.Storage;

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
