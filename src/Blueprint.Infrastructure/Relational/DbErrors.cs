using System.Data.Common;

namespace Blueprint.Infrastructure.Relational;

/// <summary>What a database error means, the same way on SQLite and PostgreSQL.</summary>
public static class DbErrors
{
    /// <summary>True when <paramref name="error"/> is a unique or primary key violation: the row exists already.</summary>
    public static bool IsUniqueViolation(DbException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.SqlState == "23505" || error.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal);
    }
}
