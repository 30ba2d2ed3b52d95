using Blueprint.Gateway;

try
{
    await GatewayHost.Build(args).RunAsync();
    return 0;
}
catch (GatewayConfigurationException ex)
{
    await Console.Error.WriteLineAsync($"blueprint-gateway: {ex.Message}");
    return 2;
}
catch (Blueprint.RateLimiting.RateLimitingConfigurationException ex)
{
    await Console.Error.WriteLineAsync($"blueprint-gateway: {ex.Message}");
    return 2;
}

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
