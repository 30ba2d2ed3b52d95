using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Blueprint.BuildingBlocks.Sync;

/// <summary>
/// A file's path inside a namespace: '/'-separated names, stored in Unicode normalization form C so
/// that the NFD names macOS hands out and the NFC names of everyone else are one file. Its
/// <see cref="Key"/> is also case-folded: "Report.txt" and "report.txt" are one file, as on the
/// Windows and macOS clients that must hold both. A path can never climb out of its namespace.
/// </summary>
public readonly record struct SyncPath
{
    /// <summary>The longest name, in bytes of UTF-8 (as on most file systems).</summary>
    public const int MaxNameBytes = 255;

    /// <summary>The folder in which the sync client keeps its own state, beside the files: no synced name may be it, in any case.</summary>
    public const string ClientStateFolder = ".blueprint-sync";

    /// <summary>The longest path, in bytes of UTF-8.</summary>
    public const int MaxPathBytes = 4096;

    private SyncPath(string value)
    {
        Value = value;
        Key = value.ToLowerInvariant();
    }

    /// <summary>The path as shown and as written on clients, e.g. <c>docs/Report.txt</c>.</summary>
    public string Value { get; }

    /// <summary>What uniqueness is decided on: the path, case-folded.</summary>
    public string Key { get; }

    /// <summary>The last name.</summary>
    public string Name => Value[(Value.LastIndexOf('/') + 1)..];

    /// <summary>The folder holding it; empty for a file at the root.</summary>
    public string Folder => Value.LastIndexOf('/') is var slash and >= 0 ? Value[..slash] : "";

    /// <summary>The path, as <see cref="Value"/>.</summary>
    public override string ToString() => Value;

    /// <summary>Parses a path given by a client; one leading '/' is allowed and dropped. On failure, <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? raw, out SyncPath path, [NotNullWhen(false)] out string? error)
    {
        path = default;
        error = Problem(raw, out var normalized);
        if (error is null)
        {
            path = new SyncPath(normalized!);
        }

        return error is null;
    }

    /// <summary>Parses a path known to be valid (stored by the service); throws if it is not.</summary>
    public static SyncPath Stored(string value) =>
        TryParse(value, out var path, out var error) ? path : throw new InvalidOperationException($"Stored path '{value}' is invalid: {error}");

    /// <summary>Whether <paramref name="folderKey"/> (a case-folded folder path, empty for the root) holds this path, at any depth.</summary>
    public bool IsUnder(string folderKey) => folderKey.Length == 0 || (Key.Length > folderKey.Length && Key.StartsWith(folderKey, StringComparison.Ordinal) && Key[folderKey.Length] == '/');

    /// <summary>The case-folded key of a path given as text (no validation): how files are matched.</summary>
    public static string KeyOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Normalize(NormalizationForm.FormC).ToLowerInvariant();
    }

    /// <summary>
    /// Where the losing side of a conflict is kept (003 §15): "notes (conflicted copy laptop 2026-11-23).txt"
    /// beside "notes.txt"; a second conflict the same day adds a number.
    /// </summary>
    public SyncPath ConflictedCopy(string device, DateOnly day, int attempt)
    {
        var name = Name;
        var dot = name.LastIndexOf('.');
        var (stem, extension) = dot > 0 ? (name[..dot], name[dot..]) : (name, "");
        var who = new string(device.Where(c => !char.IsControl(c) && c is not '/' and not '\\' and not '(' and not ')').Take(40).ToArray()).Trim();
        var suffix = $" (conflicted copy {(who.Length > 0 ? who + " " : "")}{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}{(attempt > 1 ? $" {attempt}" : "")})";
        var maxStem = Math.Max(1, MaxNameBytes - Encoding.UTF8.GetByteCount(suffix + extension));
        while (Encoding.UTF8.GetByteCount(stem) > maxStem)
        {
            stem = stem[..^1];
        }

        var copy = (Folder.Length > 0 ? Folder + "/" : "") + stem + suffix + extension;
        return TryParse(copy, out var path, out var error) ? path : throw new InvalidOperationException($"Conflicted copy name '{copy}' is invalid: {error}");
    }

    /// <summary>This path after its folder (or itself) <paramref name="from"/> moved to <paramref name="to"/>.</summary>
    public SyncPath Rebase(SyncPath from, SyncPath to) =>
        Key == from.Key ? to : Stored(to.Value + Value[from.Value.Length..]);

    private static string? Problem(string? raw, out string? normalized)
    {
        normalized = null;
        if (string.IsNullOrEmpty(raw) || raw == "/")
        {
            return "A path is required, e.g. docs/report.txt.";
        }

        var trimmed = raw[0] == '/' ? raw[1..] : raw;
        try
        {
            normalized = trimmed.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            normalized = null;
            return "The path is not valid Unicode.";
        }

        if (Encoding.UTF8.GetByteCount(normalized) > MaxPathBytes)
        {
            return $"A path may be at most {MaxPathBytes} bytes of UTF-8.";
        }

        foreach (var name in normalized.Split('/'))
        {
            if (NameProblem(name) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? NameProblem(string name) => name switch
    {
        "" => "A path may not have an empty name (a leading '//', a trailing '/' or '//' inside).",
        "." or ".." => "A path may not contain '.' or '..' names.",
        _ when name.Any(c => char.IsControl(c)) => "A name may not contain control characters (NUL, newline, …).",
        _ when name.Contains('\\', StringComparison.Ordinal) => "A name may not contain '\\'.",
        _ when name[^1] is ' ' or '.' => $"A name may not end with a space or a dot ('{name}'): Windows clients could not hold it.",
        _ when Encoding.UTF8.GetByteCount(name) > MaxNameBytes => $"A name may be at most {MaxNameBytes} bytes of UTF-8.",
        _ when name.Equals(ClientStateFolder, StringComparison.OrdinalIgnoreCase) => $"The name '{ClientStateFolder}' is kept for the sync client's own state.",
        _ => null,
    };
}
