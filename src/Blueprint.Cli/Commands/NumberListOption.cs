using System.CommandLine;
using System.Globalization;

namespace Blueprint.Cli.Commands;

/// <summary>
/// An option taking one number, a list (10,100,1000) or an inclusive range (2..10), so one run can
/// sweep a parameter. Errors name the option.
/// </summary>
internal static class NumberListOption
{
    private const int MaxValues = 1000;

    public static Option<IReadOnlyList<int>> Create(string name, string description, int minimum, int maximum, string defaultValue) => new(name)
    {
        Description = $"{description} One value, a list (a,b,c) or a range (a..b). Default {defaultValue}.",
        DefaultValueFactory = _ => Parse(defaultValue, name, minimum, maximum, out var _)!,
        CustomParser = result =>
        {
            var parsed = Parse(result.Tokens.Single().Value, name, minimum, maximum, out var error);
            if (error is not null)
            {
                result.AddError(error);
            }

            return parsed ?? [];
        },
    };

    private static List<int>? Parse(string text, string name, int minimum, int maximum, out string? error)
    {
        error = null;
        var values = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split("..");
            if (bounds.Length > 2 || !bounds.All(b => int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                error = $"{name}: '{part}' is not a whole number or a range a..b.";
                return null;
            }

            var from = int.Parse(bounds[0], CultureInfo.InvariantCulture);
            var to = int.Parse(bounds[^1], CultureInfo.InvariantCulture);
            if (from > to || from < minimum || to > maximum || values.Count + (to - from + 1) > MaxValues)
            {
                error = $"{name}: '{part}' must lie within {minimum:N0}..{maximum:N0}, low to high, {MaxValues} values at most.";
                return null;
            }

            values.AddRange(Enumerable.Range(from, to - from + 1));
        }

        if (values.Count == 0)
        {
            error = $"{name}: give at least one value.";
            return null;
        }

        return values;
    }
}
