using System.Globalization;

namespace Blueprint.Todo.Api;

/// <summary>Validation of what clients send: titles and due dates, each with the reason it is refused.</summary>
internal static class TodoInput
{
    public const int MaxTitleLength = 200;

    /// <summary>The trimmed title, or the reason it is refused.</summary>
    public static (string? Title, string? Error) Title(string? title)
    {
        var trimmed = title?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return (null, "A title must not be empty.");
        }

        if (trimmed.Length > MaxTitleLength)
        {
            return (null, $"A title is at most {MaxTitleLength} characters; this one has {trimmed.Length}.");
        }

        return trimmed.Any(char.IsControl) ? (null, "A title must not contain control characters.") : (trimmed, null);
    }

    /// <summary>A due date written yyyy-MM-dd, or the reason it is refused.</summary>
    public static (DateOnly? Date, string? Error) DueDate(string? text) =>
        text is null ? (null, null)
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? (date, null)
        : (null, $"'{text}' is not a date: write it as yyyy-MM-dd, e.g. 2026-12-24.");
}
