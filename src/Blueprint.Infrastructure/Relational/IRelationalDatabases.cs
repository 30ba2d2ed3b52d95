namespace Blueprint.Infrastructure.Relational;

/// <summary>The relational port: hands each module its own database on the configured engine.</summary>
public interface IRelationalDatabases
{
    /// <summary>The engine every module database runs on.</summary>
    SqlEngine Engine { get; }

    /// <summary>The database of <paramref name="module"/> (lowercase letters, digits, '-' or '_').</summary>
    IModuleDatabase For(string module);

    /// <summary>Round-trips a trivial statement; throws when the engine cannot be reached.</summary>
    Task PingAsync(CancellationToken cancellationToken = default);
}
