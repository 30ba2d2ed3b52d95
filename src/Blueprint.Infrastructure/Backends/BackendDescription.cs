namespace Blueprint.Infrastructure.Backends;

/// <summary>
/// Which engine serves one port, where, and from which setting. <see cref="ConfigurationError"/>
/// is set when the setting is present but unusable; the port then refuses every call.
/// </summary>
public sealed record BackendDescription(string Port, string Engine, bool Embedded, string? Setting, string Target, string? ConfigurationError = null);
