namespace Blueprint.Modules;

/// <summary>
/// The host cannot start as configured: <c>--modules</c> names a module that does not exist or is not
/// built, or a module's settings are invalid (a rules file that does not parse). The host prints the
/// message and exits with code 2; every module throws this one type (or a subclass) for such errors.
/// </summary>
public class ModuleConfigurationException : Exception
{
    public ModuleConfigurationException()
    {
    }

    public ModuleConfigurationException(string message)
        : base(message)
    {
    }

    public ModuleConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
