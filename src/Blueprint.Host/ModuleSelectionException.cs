namespace Blueprint.Host;

/// <summary>--modules named a module that does not exist or is not built; the host refuses to start.</summary>
public sealed class ModuleSelectionException : Exception
{
    public ModuleSelectionException()
    {
    }

    public ModuleSelectionException(string message)
        : base(message)
    {
    }

    public ModuleSelectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
