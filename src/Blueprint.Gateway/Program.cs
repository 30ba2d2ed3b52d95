using Blueprint.Gateway;
using Blueprint.Modules;

try
{
    await GatewayHost.Build(args).RunAsync();
    return 0;
}
catch (ModuleConfigurationException ex)
{
    // The gateway's own settings and the rate limiter's, which it applies too.
    await Console.Error.WriteLineAsync($"blueprint-gateway: {ex.Message}");
    return 2;
}

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
