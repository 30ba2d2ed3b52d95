using Blueprint.Infrastructure.Relational;

namespace Blueprint.UrlShortener.Storage;

/// <summary>The shortener's own database: links, key ranges and click counts.</summary>
internal sealed class LinkDatabase(IRelationalDatabases databases) : IDisposable
{
    public const string Module = "urls";

    public MigratedDatabase Database { get; } = new(databases, Module, typeof(LinkDatabase).Assembly);

    public void Dispose() => Database.Dispose();
}
