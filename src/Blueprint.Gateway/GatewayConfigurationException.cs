using Blueprint.Modules;

namespace Blueprint.Gateway;

/// <summary>The gateway's settings cannot work; it refuses to start and says which setting.</summary>
public sealed class GatewayConfigurationException : ModuleConfigurationException
{
    public GatewayConfigurationException()
    {
    }

    public GatewayConfigurationException(string message)
        : base(message)
    {
    }

    public GatewayConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
