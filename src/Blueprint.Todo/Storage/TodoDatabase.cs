using Blueprint.Infrastructure.Relational;

namespace Blueprint.Todo.Storage;

/// <summary>The todo service's own database, apart from the user service's (seed 000 §8.1, functional partitioning).</summary>
internal sealed class TodoDatabase(IRelationalDatabases databases) : IDisposable
{
    public const string Module = "todo";

    public MigratedDatabase Database { get; } = new(databases, Module, typeof(TodoDatabase).Assembly);

    public void Dispose() => Database.Dispose();
}
