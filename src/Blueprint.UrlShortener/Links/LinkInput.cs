using System.Text.RegularExpressions;

namespace Blueprint.UrlShortener.Links;

/// <summary>Validation of what creators send, each refusal with its reason (000 §8.2, 003 §8).</summary>
internal static partial class LinkInput
{
    public const int MaxUrlLength = 2048;
    public const int MinAliasLength = 3;
    public const int MaxAliasLength = 32;

    /// <summary>First path segments the host serves itself, which an alias would shadow.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "api", "health", "metrics", "openapi", "gateway", "admin", "login", "logout", "static", "assets",
        "favicon.ico", "robots.txt", "index.html", "blueprint.css",
        "capacity", "todo", "ids", "hashing", "cache", "ratelimit", "links", "shorten", "files",
    };

    /// <summary>The target as an absolute http(s) URI, or the reason it is refused.</summary>
    /// <param name="url">What the creator sent.</param>
    /// <param name="ownHosts">The shortener's own host names: a link to one would redirect in a loop.</param>
    public static (Uri? Url, string? Error) Target(string? url, IReadOnlyCollection<string> ownHosts)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return (null, "Give the URL to shorten.");
        }

        if (url.Length > MaxUrlLength)
        {
            return (null, $"A URL is at most {MaxUrlLength:N0} characters; this one has {url.Length:N0}.");
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            return (null, "Only absolute http and https URLs can be shortened (not javascript:, data:, file: or relative ones).");
        }

        return ownHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase)
            ? (null, $"{uri.Host} is this shortener: a link to it would redirect to itself.")
            : (uri, null);
    }

    /// <summary>The alias, or the reason it is refused; null when none is asked for.</summary>
    public static string? AliasError(string? alias) =>
        alias is null ? null
        : alias.Length is < MinAliasLength or > MaxAliasLength ? $"An alias is {MinAliasLength} to {MaxAliasLength} characters; this one has {alias.Length}."
        : !AliasPattern().IsMatch(alias) ? "An alias may hold only letters, digits, '-' and '_'."
        : Reserved.Contains(alias) ? $"'{alias}' is reserved: the shortener serves that path itself."
        : null;

    /// <summary>The expiry, or the reason it is refused: it must lie in the future.</summary>
    public static string? ExpiryError(DateTimeOffset? expiresAt, DateTimeOffset now) =>
        expiresAt is { } at && at <= now ? $"The expiry {at:O} is not in the future." : null;

    /// <summary>True when <paramref name="key"/> could be a key or alias at all (the redirect's route check).</summary>
    public static bool LooksLikeKey(string key) => key.Length is >= 1 and <= MaxAliasLength && AliasPattern().IsMatch(key);

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex AliasPattern();
}
