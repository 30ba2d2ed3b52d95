using System.Security.Cryptography;
using System.Text;

namespace Blueprint.Infrastructure.Relational;

/// <summary>
/// One versioned schema script. Most SQL is portable between SQLite and PostgreSQL; where it is
/// not, a script carries an engine-specific variant.
/// </summary>
public sealed record SqlMigration(int Version, string Name, string Sql, string? PostgreSql = null, string? SqliteSql = null)
{
    /// <summary>The script text for <paramref name="engine"/>.</summary>
    public string SqlFor(SqlEngine engine) => engine switch
    {
        SqlEngine.PostgreSql => PostgreSql ?? Sql,
        SqlEngine.Sqlite => SqliteSql ?? Sql,
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, null),
    };

    /// <summary>A checksum of the script as run on <paramref name="engine"/>: an applied script must never change.</summary>
    public string ChecksumFor(SqlEngine engine) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SqlFor(engine).ReplaceLineEndings("\n"))));
}
