using Blueprint.Modules;

namespace Blueprint.RateLimiting;

/// <summary>A RateLimiting setting cannot work; the host refuses to start rather than run unprotected, and says which setting.</summary>
public sealed class RateLimitingConfigurationException : ModuleConfigurationException
{
    /// <summary>Creates the exception.</summary>
    public RateLimitingConfigurationException()
    {
    }

    /// <summary>Creates the exception with a message naming the setting.</summary>
    public RateLimitingConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RateLimitingConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
