namespace Blueprint.Modules;

/// <summary>
/// A check a module registers for what can be judged only once every module is registered (is a
/// contract it needs served here, or configured to be reached elsewhere?). The host runs every check
/// after building, before it serves.
/// </summary>
public interface IModuleStartupCheck
{
    /// <exception cref="ModuleConfigurationException">The host cannot run as configured; the message says what to set.</exception>
    void Verify();
}
