using System.Text.RegularExpressions;

namespace Blueprint.Infrastructure.Relational;

/// <summary>Turns a module name into a safe SQLite file name or PostgreSQL schema name.</summary>
internal static partial class ModuleName
{
    public static string ToIdentifier(string module)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(module);
        return Valid().IsMatch(module)
            ? module.Replace('-', '_')
            : throw new ArgumentException($"Module name '{module}' must be 1–48 lowercase letters, digits, '-' or '_', starting with a letter.", nameof(module));
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,47}$")]
    private static partial Regex Valid();
}
