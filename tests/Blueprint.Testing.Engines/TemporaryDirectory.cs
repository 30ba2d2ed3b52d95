namespace Blueprint.Testing.Engines;

/// <summary>A directory under /tmp removed with the test.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("blueprint-test-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A pooled SQLite connection may still hold a file; /tmp is cleaned by the OS.
        }
    }
}
