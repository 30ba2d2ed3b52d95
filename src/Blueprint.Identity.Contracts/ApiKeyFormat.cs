namespace Blueprint.Identity.Contracts;

/// <summary>How a machine client sends an API key, and what one looks like before anyone is asked about it.</summary>
public static class ApiKeyFormat
{
    /// <summary>The request header that carries the key.</summary>
    public const string Header = "X-Api-Key";

    /// <summary>Every key starts with this.</summary>
    public const string Prefix = "bpk_";

    /// <summary>False for anything that cannot be a key, so a malformed header costs no lookup.</summary>
    public static bool LooksLikeKey(string? value) =>
        value is { Length: > 0 and <= 128 } && value.StartsWith(Prefix, StringComparison.Ordinal);
}
