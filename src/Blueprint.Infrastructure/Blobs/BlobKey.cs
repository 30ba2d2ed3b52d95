using System.Text.RegularExpressions;

namespace Blueprint.Infrastructure.Blobs;

/// <summary>
/// Object keys: '/'-separated segments of letters, digits, '.', '-', '_' and '='. No empty, '.' or
/// '..' segment and no segment starting with '.', so a key can never name a path outside the
/// store's root, on disk or anywhere else.
/// </summary>
public static partial class BlobKey
{
    /// <summary>The longest key accepted (S3's own limit is 1024 bytes).</summary>
    public const int MaxLength = 1024;

    /// <summary>Returns <paramref name="key"/> when valid; otherwise throws an <see cref="ArgumentException"/> saying why.</summary>
    public static string Validate(string key, string parameterName = "key")
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException("A blob key must not be empty.", parameterName);
        }

        if (key.Length > MaxLength)
        {
            throw new ArgumentException($"A blob key must be at most {MaxLength} characters; this one has {key.Length}.", parameterName);
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0 || segment[0] == '.' || !Segment().IsMatch(segment))
            {
                throw new ArgumentException(
                    $"Blob key '{Printable(key)}' is invalid: segments must be non-empty, must not start with '.', and may hold only letters, digits, '.', '-', '_' and '='.",
                    parameterName);
            }
        }

        return key;
    }

    /// <summary>Validates a listing prefix: empty, or a key, or a key followed by '/'.</summary>
    public static string ValidatePrefix(string prefix) =>
        prefix.Length == 0 ? prefix : Validate(prefix.EndsWith('/') ? prefix[..^1] : prefix, nameof(prefix)) + (prefix.EndsWith('/') ? "/" : "");

    private static string Printable(string key) => new(key.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    [GeneratedRegex("^[A-Za-z0-9._=-]+$")]
    private static partial Regex Segment();
}
