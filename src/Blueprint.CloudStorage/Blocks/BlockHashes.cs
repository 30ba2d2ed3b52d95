using System.Text.Json;
using Blueprint.Infrastructure.Relational;

namespace Blueprint.CloudStorage.Blocks;

/// <summary>Block names (SHA-256, lowercase hex) and the one SQL shape that differs by engine: "hash is one of these".</summary>
internal static class BlockHashes
{
    public static bool IsValid(string? hash) =>
        hash is { Length: 64 } && hash.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>A condition on <paramref name="column"/> matching any of the hashes bound as <c>@Hashes</c>.</summary>
    public static string AnyOf(SqlEngine engine, string column) => engine == SqlEngine.PostgreSql
        ? $"{column} = ANY(@Hashes)"
        : $"{column} IN (SELECT value FROM json_each(@Hashes))";

    /// <summary>The value to bind as <c>@Hashes</c>: an array for PostgreSQL, a JSON array for SQLite.</summary>
    public static object Parameter(SqlEngine engine, IReadOnlyCollection<string> hashes) =>
        engine == SqlEngine.PostgreSql ? hashes.ToArray() : JsonSerializer.Serialize(hashes);
}
