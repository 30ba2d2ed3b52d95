using Blueprint.Infrastructure.Relational;

namespace Blueprint.Identity.Users;

/// <summary>The user service's own database (seed 000 §8.1: a database per service): users, API keys, token keys.</summary>
internal sealed class IdentityDatabase(IRelationalDatabases databases) : IDisposable
{
    public const string Module = "identity";

    public MigratedDatabase Database { get; } = new(databases, Module, typeof(IdentityDatabase).Assembly);

    public void Dispose() => Database.Dispose();
}
